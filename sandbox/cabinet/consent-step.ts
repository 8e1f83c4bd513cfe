/**
 * The consent step, when the gateway answers CONSENT_REQUIRED: whose data, who may give the
 * consent by law (mocks/consent/rules.ts), and the way there — the consent platform's page, where
 * it is given; for a child under 14, the parent logs in there with their own account.
 */
import { grantorVerdict } from '../../mocks/index.ts';
import type { Person } from '../../seeds/index.ts';
import { markup, type Html } from '../pages/html.ts';
import type { Sandbox } from '../sandbox.ts';
import { moscowDateOf } from '../../seeds/index.ts';

const fullName = (p: Person) => `${p.lastName} ${p.firstName} ${p.middleName}`;

export interface ConsentStepInput {
  readonly sandbox: Sandbox;
  /** The logged-in person. */
  readonly viewerOid: number;
  /** Whose data need the consent (the person, or their child). */
  readonly subjectOid: number;
  readonly prefix: string;
  /** The sandbox's absolute base URL (for ESIA's `return`). */
  readonly baseUrl: string;
  /** This cabinet page, to come back to. */
  readonly back: string;
}

export function consentStep(input: ConsentStepInput): Html {
  const { sandbox, prefix } = input;
  const world = sandbox.world;
  const viewer = world.personByOid(input.viewerOid);
  const subject = world.personByOid(input.subjectOid);
  if (!viewer || !subject)
    return markup`<section class="card"><h2>Нужно согласие</h2><p>Человек с oid ${input.subjectOid} не найден в этой песочнице.</p></section>`;
  const links = sandbox.state.links.get(subject.id);
  const verdict = grantorVerdict(world, subject, viewer, moscowDateOf(sandbox.clock.now()), links);
  const pageUrl = `${prefix}/consent/page?${new URLSearchParams({ oid: String(input.subjectOid), return: input.back }).toString()}`;
  const whose = subject.id === viewer.id ? 'ваших данных' : `данных ребёнка: ${fullName(subject)}`;
  if (verdict.allowed) {
    return markup`<section class="card" id="consent" aria-labelledby="consent-h"><h2 id="consent-h">Нужно согласие на передачу ${whose}</h2>
<p>«Моя школа» получит сведения из ГИС РУО и электронного дневника только с согласия. ${verdict.message} Дать его можете вы.</p>
<p><a class="button" href="${pageUrl}">Дать согласие на платформе согласий</a></p></section>`;
  }
  const parents = (links ?? subject.account?.linkedParentOids ?? []).map((oid) => world.personByOid(oid)).filter((p): p is Person => p !== undefined);
  const parentLogin = `${prefix}/esia/sim/session?${new URLSearchParams({ return: `${input.baseUrl}${pageUrl.slice(prefix.length)}` }).toString()}`;
  return markup`<section class="card" id="consent" aria-labelledby="consent-h"><h2 id="consent-h">Нужно согласие родителя</h2>
<p>«Моя школа» получит сведения из ГИС РУО и электронного дневника только с согласия на передачу ${whose}.</p>
<div class="error" role="note">${verdict.message}</div>
${
  parents.length
    ? markup`<p>Дать согласие может: <b>${parents.map(fullName).join(' или ')}</b>. Родитель входит на Госуслуги под своей учётной записью и даёт согласие на платформе согласий; потом вернитесь сюда и обновите страницу.</p>
<p><a class="button" href="${parentLogin}">Родителю: войти и дать согласие</a> <a class="button secondary" href="${input.back}">Обновить</a></p>`
    : markup`<p>Родитель сначала привязывает учётную запись ребёнка на Госуслугах («Семья и дети»), затем даёт согласие на платформе согласий.</p>`
}</section>`;
}
