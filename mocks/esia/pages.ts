/**
 * Server-rendered pages in Russian, no external assets, in the spirit of the Госуслуги login.
 * Everything works with plain form posts, so tests and curl need no browser.
 */
import type { PersonaDefinition } from '../../seeds/index.ts';
import { purposeLabel, scopesLabel, termLabel } from '../consent/labels.ts';
import { markup, raw, type Html } from '../http/html.ts';
import type { PendingAuthorization } from './stores.ts';

const STYLE = `body{font-family:Lato,Arial,sans-serif;background:#f5f7fa;color:#0b1f33;margin:0}
header{background:#fff;border-bottom:1px solid #e1e7f0;padding:16px 32px;font-weight:700;color:#0d4cd3}
main{max-width:760px;margin:32px auto;background:#fff;border-radius:16px;padding:32px;box-shadow:0 2px 8px rgba(11,31,51,.08)}
h1{font-size:24px;margin:0 0 16px}p.note{color:#66727f}
.persona{display:flex;justify-content:space-between;gap:16px;border:1px solid #e1e7f0;border-radius:8px;padding:12px 16px;margin:8px 0}
.persona small{color:#66727f;display:block}
button{background:#0d4cd3;color:#fff;border:0;border-radius:8px;padding:10px 20px;font-size:15px;cursor:pointer}
button.secondary{background:#fff;color:#0d4cd3;border:1px solid #0d4cd3}
input{border:1px solid #b9c6d6;border-radius:8px;padding:9px 12px;font-size:15px;margin:4px 8px 4px 0}
.error{background:#fee;border:1px solid #e0a0a0;border-radius:8px;padding:12px 16px;margin-bottom:16px}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #e1e7f0;padding:8px;text-align:left;font-size:14px;vertical-align:top}
.notice{background:#eafaf0;border:1px solid #8fd1a8;border-radius:8px;padding:12px 16px;margin-bottom:16px}
.ok{color:#0a7a3d}.no{color:#c21a1a}.grant{border:1px solid #e1e7f0;border-radius:8px;padding:4px 16px 12px;margin:12px 0}.grant h2{font-size:18px}
select{border:1px solid #b9c6d6;border-radius:8px;padding:9px 12px;font-size:15px;margin:4px 8px 4px 0}label{font-size:14px}
a{color:#0d4cd3}:focus-visible{outline:3px solid #0d4cd3;outline-offset:2px}.scroll{overflow-x:auto}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.field{display:inline-block;margin-right:8px}.field input{display:block}header{display:flex;justify-content:space-between;align-items:center;gap:8px}
.large body{font-size:21px}.large h1{font-size:34px}.large h2{font-size:26px}.large button,.large input,.large select,.large label,.large td,.large th{font-size:20px}
@media (max-width:600px){main{margin:0;border-radius:0;padding:16px}header{padding:12px 16px}.persona{flex-direction:column}}`;

/**
 * Large type for projectors: the cookie `edusim_large_type` (Path=/) that edusim's cabinet sets is
 * read here in the browser, so this page follows the same choice; the button switches it.
 */
const LARGE_TYPE_TOGGLE = markup`<button type="button" id="large-type" class="secondary" hidden>Крупный шрифт</button><script>(function(){var h=document.documentElement,b=document.getElementById('large-type'),on=/(?:^|; )edusim_large_type=1/.test(document.cookie);function show(){h.classList.toggle('large',on);b.textContent=on?'Обычный шрифт':'Крупный шрифт';}show();b.hidden=false;b.onclick=function(){on=!on;document.cookie='edusim_large_type='+(on?'1; Max-Age=31536000':'0; Max-Age=0')+'; Path=/; SameSite=Lax';show();};})();</script>`;

/** The whole page, as the text of a response: `body` is made by `markup`, so whatever it holds is escaped. */
export function page(title: string, body: Html): string {
  const html = markup`<!doctype html><html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title><style>${raw(STYLE)}</style></head><body><header>госуслуги · тестовый стенд edusim${LARGE_TYPE_TOGGLE}</header><main>${body}</main></body></html>`;
  return html.text;
}

export interface PersonaChoice {
  readonly definition: PersonaDefinition;
  readonly fullName: string;
  readonly oid: number | null;
}

/** `base` is the simulator's base URL: forms post to absolute paths, whatever page served them. */
export function loginPage(base: string, request: PendingAuthorization, personas: readonly PersonaChoice[], error?: string): string {
  const hidden = markup`<input type="hidden" name="request" value="${request.id}">`;
  const rows = personas.map((p, i) => markup`${i > 0 ? '\n' : ''}${personaForm(base, hidden, p)}`);
  return page(
    'Вход — Госуслуги (edusim)',
    markup`<h1>Вход для системы ${request.clientId}</h1>
${error ? markup`<div class="error" role="alert">${error}</div>` : ''}
<p class="note">Тестовый стенд: вход без пароля. Выберите персону или найдите человека.</p>
<form method="post" action="${base}/login">${hidden}
<label class="field">oid <input name="oid" placeholder="10 цифр" inputmode="numeric"></label><label class="field">СНИЛС <input name="snils" placeholder="123-456-789 01"></label>
<label class="field">Фамилия <input name="lastName"></label><label class="field">Имя <input name="firstName"></label><label class="field">Отчество <input name="middleName"></label><label class="field">Дата рождения <input name="birthDate" type="date"></label>
<button type="submit">Найти и войти</button></form>
<h2>Персоны</h2>${rows}`,
  );
}

/** One persona's «Войти» form (or, without an account, a note that there is none). */
function personaForm(base: string, hidden: Html, p: PersonaChoice): Html {
  return markup`<form method="post" action="${base}/login" class="persona">${hidden}<input type="hidden" name="persona" value="${p.definition.handle}">
<div><b>${p.fullName}</b><small>${p.definition.title}</small><small>${p.definition.description}</small></div>
<div>${p.oid === null ? markup`<small>нет учётной записи</small>` : markup`<button type="submit" aria-label="Войти: ${p.fullName}">Войти</button>`}</div></form>`;
}

export interface ConsentLine {
  readonly purpose: string;
  readonly scopes: readonly string[];
  readonly expireMinutes: number;
}

/** Whether the person may give these consents themselves, and if not, who must (Russian). */
export interface ConsentVerdict {
  readonly allowed: boolean;
  readonly message: string;
}

export function consentPage(
  base: string,
  request: PendingAuthorization,
  person: { fullName: string; oid: number },
  lines: readonly ConsentLine[],
  loginToken: string,
  verdict: ConsentVerdict = { allowed: true, message: '' },
): string {
  const items = lines.map(
    (l) =>
      markup`<tr><td data-purpose="${l.purpose}">${purposeLabel(l.purpose)}</td><td>${scopesLabel(l.scopes)}</td><td>${termLabel(l.expireMinutes)}</td></tr>`,
  );
  const buttons = verdict.allowed
    ? markup`<button name="decision" value="allow" type="submit">Разрешить</button> <button class="secondary" name="decision" value="deny" type="submit">Отказать</button>`
    : markup`<div class="error" role="note">Дать это согласие вы не можете: ${verdict.message}</div><button class="secondary" name="decision" value="deny" type="submit">Вернуться без согласия</button>`;
  return page(
    'Предоставление прав доступа — Госуслуги (edusim)',
    markup`<h1>Система ${request.clientId} запрашивает права доступа</h1>
<p>${person.fullName}, oid ${person.oid}</p>
<div class="scroll"><table><thead><tr><th>Цель</th><th>Данные</th><th>Срок</th></tr></thead><tbody>${items}</tbody></table></div>
<form method="post" action="${base}/consent" style="margin-top:24px"><input type="hidden" name="request" value="${request.id}"><input type="hidden" name="login" value="${loginToken}">
${buttons}</form>`,
  );
}

export function errorPage(message: string): string {
  return page('Ошибка — Госуслуги (edusim)', markup`<h1>Не удалось выполнить вход</h1><div class="error" role="alert">${message}</div>`);
}
