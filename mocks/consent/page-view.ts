/**
 * The consent platform's page (`/consent/page`): for the logged-in person and each child, the
 * «Моя школа» data-transfer consent — given, or a form to give it when the law lets this person,
 * or who must give it when it does not — then every consent with its purpose, data and term in
 * Russian, to revoke. Plain HTML forms; nothing external.
 */
import { ageOn, type Person } from '../../seeds/index.ts';
import { page } from '../esia/pages.ts';
import { markup, type Html } from '../http/html.ts';
import { moscowDateTime, purposeLabel, recipientLabel, scopesLabel, termLabel } from './labels.ts';
import { MYSCHOOL_RECIPIENT, type ConsentPlatform, type ConsentView } from './platform.ts';
import { grantorVerdict, revokerVerdict } from './rules.ts';

export const TRANSFER_PURPOSE = 'EDUSIM_MYSCHOOL_TRANSFER';
export const TRANSFER_SCOPES = ['fullname', 'birthdate', 'snils', 'kid_school_data'] as const;
/** The terms the page offers, in minutes (null: until revoked). */
export const TERMS: readonly (number | null)[] = [525_600, 43_200, 1440, null];

const STATUS_RU: Record<string, string> = { active: 'действует', revoked: 'отозвано', expired: 'истекло' };

export interface PageModel {
  readonly platform: ConsentPlatform;
  readonly viewer: Person;
  readonly family: readonly Person[];
  readonly consents: readonly ConsentView[];
  /** The subject the page was opened for (`?oid=`), shown first. */
  readonly focus: number | null;
  /** A same-sandbox page to go back to (`?return=`), already checked. */
  readonly returnTo: string | null;
  readonly notice?: string | undefined;
  readonly error?: string | undefined;
}

const fullName = (p: Person) => `${p.lastName} ${p.firstName} ${p.middleName}`;

/** Who may give a subject's consent, named, for a refusal («Дать согласие может: …»). */
function whoMay(platform: ConsentPlatform, subject: Person): string {
  const links = platform.state.links.get(subject.id) ?? subject.account?.linkedParentOids ?? [];
  const parents = links.map((oid) => platform.world.personByOid(oid)).filter((p): p is Person => p !== undefined);
  return parents.length > 0
    ? `Дать согласие может: ${parents.map(fullName).join(', ')}.`
    : 'Родитель должен сначала привязать учётную запись ребёнка на Госуслугах («Семья и дети»).';
}

function grantCard(model: PageModel, subject: Person): Html {
  const { platform, viewer } = model;
  const oid = subject.account?.oid ?? 0;
  const age = ageOn(subject.birthDate, platform.today());
  const active = model.consents.find(
    (c) => c.subjectOid === oid && c.purpose === TRANSFER_PURPOSE && c.recipient === MYSCHOOL_RECIPIENT && c.status === 'active',
  );
  const title = markup`<h2>${fullName(subject)}${subject.id === viewer.id ? ' (вы)' : ''}, ${age} ${age % 10 === 1 && age % 100 !== 11 ? 'год' : age % 10 >= 2 && age % 10 <= 4 && (age % 100 < 12 || age % 100 > 14) ? 'года' : 'лет'}</h2>`;
  const what = markup`<p><b>${purposeLabel(TRANSFER_PURPOSE)}</b><br><small>Получатель: ${recipientLabel(MYSCHOOL_RECIPIENT)}. Данные: ${scopesLabel(TRANSFER_SCOPES)}.</small></p>`;
  if (active) {
    return markup`<section class="grant" data-subject="${oid}">${title}${what}<p class="ok">✓ Согласие дано, действует ${active.expiresAt ? `до ${moscowDateTime(active.expiresAt)}` : 'бессрочно'}.</p></section>`;
  }
  const verdict = grantorVerdict(platform.world, subject, viewer, platform.today(), platform.state.links.get(subject.id));
  if (!verdict.allowed) {
    return markup`<section class="grant" data-subject="${oid}">${title}${what}<p class="no">Согласия нет.</p><div class="error" role="note">${verdict.message} ${whoMay(platform, subject)}</div></section>`;
  }
  const options = TERMS.map((t, i) => markup`<option value="${t ?? 'none'}"${i === 0 ? markup` selected` : ''}>${termLabel(t)}</option>`);
  const back = backField(model);
  return markup`<section class="grant" data-subject="${oid}">${title}${what}<p class="no">Согласия нет: «Моя школа» не получает школу, класс и дневник.</p>
<form method="post" action="page/grant"><input type="hidden" name="subject" value="${oid}"><input type="hidden" name="purpose" value="${TRANSFER_PURPOSE}">${back}
<label for="term-${oid}">Срок согласия</label> <select id="term-${oid}" name="term">${options}</select>
<button type="submit">Дать согласие</button></form><p class="note">${verdict.message}</p></section>`;
}

/** The hidden `return` field that brings the viewer back to «Моя школа» after a form post. */
function backField(model: PageModel): Html | '' {
  return model.returnTo ? markup`<input type="hidden" name="return" value="${model.returnTo}">` : '';
}

function consentRow(model: PageModel, c: ConsentView): Html {
  const name = (o: number) => {
    const p = model.platform.world.personByOid(o);
    return p ? `${p.lastName} ${p.firstName}` : String(o);
  };
  const term = c.expiresAt ? `до ${moscowDateTime(c.expiresAt)}` : 'бессрочно';
  const back = backField(model);
  return markup`<tr><td>${name(c.subjectOid)}</td><td data-purpose="${c.purpose}">${purposeLabel(c.purpose)}</td><td>${recipientLabel(c.recipient)}</td><td>${scopesLabel(c.scopes)}</td><td>${moscowDateTime(c.grantedAt)}<br><small>${term}</small></td><td>${STATUS_RU[c.status] ?? c.status}</td>
<td>${c.status === 'active' ? revokeCell(model, c, back, name(c.subjectOid)) : ''}</td></tr>`;
}

/** The «Отозвать» button, or — where the viewer may not revoke (a minor, a parent's consent) — who may. */
function revokeCell(model: PageModel, c: ConsentView, back: Html | '', subjectName: string): Html {
  const { platform, viewer } = model;
  const subject = platform.world.personByOid(c.subjectOid);
  const verdict = revokerVerdict(platform.world, c, subject, viewer, platform.today(), subject && platform.state.links.get(subject.id));
  if (!verdict.allowed) return markup`<small class="note">${verdict.message.charAt(0).toUpperCase() + verdict.message.slice(1)}.</small>`;
  return markup`<form method="post" action="page/revoke"><input type="hidden" name="id" value="${c.id}">${back}<button type="submit" class="secondary" aria-label="Отозвать согласие: ${subjectName}, ${purposeLabel(c.purpose)}">Отозвать</button></form>`;
}

export function renderConsentPage(model: PageModel): string {
  const ordered = [...model.family].sort((a, b) => Number(b.account?.oid === model.focus) - Number(a.account?.oid === model.focus));
  const rows = model.consents.map((c) => consentRow(model, c));
  return page(
    'Согласия — edusim',
    markup`<h1>Согласия: ${fullName(model.viewer)}</h1>
${model.error ? markup`<div class="error" role="alert">${model.error}</div>` : ''}
${model.notice ? markup`<div class="notice" role="status">${model.notice}</div>` : ''}
${model.returnTo ? markup`<p><a href="${model.returnTo}">← Вернуться в «Моя школа»</a></p>` : ''}
<p class="note">Согласие на обработку персональных данных разрешает «Моей школе» получать сведения из ГИС РУО и электронного дневника. За ребёнка до 14 лет его даёт родитель, с 14 до 17 лет — родитель или сам подросток, с 18 лет — только сам человек.</p>
${ordered.map((p) => grantCard(model, p))}
<h2>Все согласия</h2>
${rows.length > 0 ? markup`<div class="scroll"><table><thead><tr><th>Чьи данные</th><th>Цель</th><th>Получатель</th><th>Данные</th><th>Выдано</th><th>Статус</th><th><span class="sr">Действие</span></th></tr></thead><tbody>${rows}</tbody></table></div>` : markup`<p class="note">Согласий нет.</p>`}
<p><a href="${model.returnTo ?? '../'}">${model.returnTo ? 'Вернуться в «Моя школа»' : 'На главную'}</a></p>`,
  );
}
