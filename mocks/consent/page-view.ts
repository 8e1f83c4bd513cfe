/**
 * The consent platform's page (`/consent/page`): for the logged-in person and each child, the
 * «Моя школа» data-transfer consent — given, or a form to give it when the law lets this person,
 * or who must give it when it does not — then every consent with its purpose, data and term in
 * Russian, to revoke. Plain HTML forms; nothing external.
 */
import { ageOn, type Person } from '../../seeds/index.ts';
import { page } from '../esia/pages.ts';
import { escapeHtml as e } from '../esia/util.ts';
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

function grantCard(model: PageModel, subject: Person): string {
  const { platform, viewer } = model;
  const oid = subject.account?.oid ?? 0;
  const age = ageOn(subject.birthDate, platform.today());
  const active = model.consents.find(
    (c) => c.subjectOid === oid && c.purpose === TRANSFER_PURPOSE && c.recipient === MYSCHOOL_RECIPIENT && c.status === 'active',
  );
  const title = `<h2>${e(fullName(subject))}${subject.id === viewer.id ? ' (вы)' : ''}, ${age} ${age % 10 === 1 && age % 100 !== 11 ? 'год' : age % 10 >= 2 && age % 10 <= 4 && (age % 100 < 12 || age % 100 > 14) ? 'года' : 'лет'}</h2>`;
  const what = `<p><b>${e(purposeLabel(TRANSFER_PURPOSE))}</b><br><small>Получатель: ${e(recipientLabel(MYSCHOOL_RECIPIENT))}. Данные: ${e(scopesLabel(TRANSFER_SCOPES))}.</small></p>`;
  if (active) {
    return `<section class="grant" data-subject="${oid}">${title}${what}<p class="ok">✓ Согласие дано, действует ${active.expiresAt ? `до ${e(moscowDateTime(active.expiresAt))}` : 'бессрочно'}.</p></section>`;
  }
  const verdict = grantorVerdict(platform.world, subject, viewer, platform.today(), platform.state.links.get(subject.id));
  if (!verdict.allowed) {
    return `<section class="grant" data-subject="${oid}">${title}${what}<p class="no">Согласия нет.</p><div class="error" role="note">${e(verdict.message)} ${e(whoMay(platform, subject))}</div></section>`;
  }
  const options = TERMS.map((t, i) => `<option value="${t ?? 'none'}"${i === 0 ? ' selected' : ''}>${e(termLabel(t))}</option>`).join('');
  const back = model.returnTo ? `<input type="hidden" name="return" value="${e(model.returnTo)}">` : '';
  return `<section class="grant" data-subject="${oid}">${title}${what}<p class="no">Согласия нет: «Моя школа» не получает школу, класс и дневник.</p>
<form method="post" action="page/grant"><input type="hidden" name="subject" value="${oid}"><input type="hidden" name="purpose" value="${TRANSFER_PURPOSE}">${back}
<label for="term-${oid}">Срок согласия</label> <select id="term-${oid}" name="term">${options}</select>
<button type="submit">Дать согласие</button></form><p class="note">${e(verdict.message)}</p></section>`;
}

function consentRow(model: PageModel, c: ConsentView): string {
  const name = (o: number) => {
    const p = model.platform.world.personByOid(o);
    return p ? `${p.lastName} ${p.firstName}` : String(o);
  };
  const term = c.expiresAt ? `до ${moscowDateTime(c.expiresAt)}` : 'бессрочно';
  const back = model.returnTo ? `<input type="hidden" name="return" value="${e(model.returnTo)}">` : '';
  return `<tr><td>${e(name(c.subjectOid))}</td><td data-purpose="${e(c.purpose)}">${e(purposeLabel(c.purpose))}</td><td>${e(recipientLabel(c.recipient))}</td><td>${e(scopesLabel(c.scopes))}</td><td>${e(moscowDateTime(c.grantedAt))}<br><small>${e(term)}</small></td><td>${e(STATUS_RU[c.status] ?? c.status)}</td>
<td>${c.status === 'active' ? revokeCell(model, c, back, name(c.subjectOid)) : ''}</td></tr>`;
}

/** The «Отозвать» button, or — where the viewer may not revoke (a minor, a parent's consent) — who may. */
function revokeCell(model: PageModel, c: ConsentView, back: string, subjectName: string): string {
  const { platform, viewer } = model;
  const subject = platform.world.personByOid(c.subjectOid);
  const verdict = revokerVerdict(platform.world, c, subject, viewer, platform.today(), subject && platform.state.links.get(subject.id));
  if (!verdict.allowed) return `<small class="note">${e(verdict.message.charAt(0).toUpperCase() + verdict.message.slice(1))}.</small>`;
  return `<form method="post" action="page/revoke"><input type="hidden" name="id" value="${e(c.id)}">${back}<button type="submit" class="secondary" aria-label="Отозвать согласие: ${e(subjectName)}, ${e(purposeLabel(c.purpose))}">Отозвать</button></form>`;
}

export function renderConsentPage(model: PageModel): string {
  const ordered = [...model.family].sort((a, b) => Number(b.account?.oid === model.focus) - Number(a.account?.oid === model.focus));
  const rows = model.consents.map((c) => consentRow(model, c)).join('');
  return page(
    'Согласия — edusim',
    `<h1>Согласия: ${e(fullName(model.viewer))}</h1>
${model.error ? `<div class="error" role="alert">${e(model.error)}</div>` : ''}
${model.notice ? `<div class="notice" role="status">${e(model.notice)}</div>` : ''}
${model.returnTo ? `<p><a href="${e(model.returnTo)}">← Вернуться в «Моя школа»</a></p>` : ''}
<p class="note">Согласие на обработку персональных данных разрешает «Моей школе» получать сведения из ГИС РУО и электронного дневника. За ребёнка до 14 лет его даёт родитель, с 14 до 17 лет — родитель или сам подросток, с 18 лет — только сам человек.</p>
${ordered.map((p) => grantCard(model, p)).join('')}
<h2>Все согласия</h2>
${rows ? `<div class="scroll"><table><thead><tr><th>Чьи данные</th><th>Цель</th><th>Получатель</th><th>Данные</th><th>Выдано</th><th>Статус</th><th><span class="sr">Действие</span></th></tr></thead><tbody>${rows}</tbody></table></div>` : '<p class="note">Согласий нет.</p>'}
<p><a href="${e(model.returnTo ?? '../')}">${model.returnTo ? 'Вернуться в «Моя школа»' : 'На главную'}</a></p>`,
  );
}
