/**
 * The trainer panel's page: the persona switcher, the chosen persona's ЦОК access check (each
 * condition green or red, the reason, who acts, what to do, the button that does it), the flow
 * timeline, the scenarios to play live, and the demo's own controls (reset, a sandbox of one's own).
 */
import { moscowDateTime } from '../../mocks/index.ts';
import { PERSONAS } from '../../seeds/index.ts';
import { layout } from '../cabinet/layout.ts';
import type { PageContext } from '../cabinet/page-context.ts';
import { timelineCard } from '../cabinet/timeline.ts';
import { markup, type Html } from '../pages/html.ts';
import { actionLabel } from './fixes.ts';
import type { Flash } from './flash.ts';
import type { PersonaFlow } from './persona-flow.ts';
import type { CheckLine, PersonaView } from './persona-view.ts';

export interface PanelModel {
  readonly context: PageContext;
  readonly prefix: string;
  readonly sandboxId: string;
  readonly now: Date;
  readonly view: PersonaView;
  readonly flow: PersonaFlow;
  /** Every persona's verdict for the switcher: true/false, or null when no check applies. */
  readonly verdicts: ReadonlyMap<string, boolean | null>;
  readonly flash: Flash | undefined;
}

const ROLE_RU: Readonly<Record<string, string>> = { pupil: 'ученик', teacher: 'учитель', administrator: 'администратор школы', parent: 'родитель' };

function scenarioForm(prefix: string, handle: string, scenario: string, kind: 'fix' | 'action'): Html {
  return markup`<form method="post" action="${prefix}/demo/apply" style="display:inline-block;margin:4px 8px 4px 0" data-${kind}="${scenario}"><input type="hidden" name="persona" value="${handle}"><input type="hidden" name="scenario" value="${scenario}"><button type="submit"${kind === 'action' ? markup` class="secondary"` : ''}>${actionLabel(scenario)}</button></form>`;
}

function verdictMark(verdict: boolean | null | undefined): Html {
  if (verdict === null || verdict === undefined) return markup`<span aria-hidden="true">·</span><span class="sr-only"> (проверка не применяется)</span>`;
  return verdict
    ? markup`<span class="ok" aria-hidden="true">✓</span><span class="sr-only"> (урок открывается)</span>`
    : markup`<span class="no" aria-hidden="true">✗</span><span class="sr-only"> (урок не открывается)</span>`;
}

function switcher(model: PanelModel): Html {
  const chosen = model.view.definition.handle;
  return markup`<section class="card" aria-labelledby="personas-h"><h2 id="personas-h">Персона</h2>
<nav class="tabs" aria-label="Персоны">${PERSONAS.map(
    (p) =>
      markup`<a href="${model.prefix}/demo?persona=${p.handle}" data-handle="${p.handle}"${p.handle === chosen ? markup` aria-current="page"` : ''}>${verdictMark(model.verdicts.get(p.handle))} ${p.title}</a>`,
  )}</nav></section>`;
}

function personaCard(model: PanelModel): Html {
  const { definition, person, age, consentGiven, diaryDown } = model.view;
  return markup`<section class="card" aria-labelledby="persona-h" data-persona="${definition.handle}"><h2 id="persona-h">${definition.title}</h2>
<p>${definition.description}</p>
<dl class="facts"><dt>ФИО</dt><dd data-testid="fullname">${person.lastName} ${person.firstName} ${person.middleName}</dd>
<dt>Возраст</dt><dd>${age}</dd>
<dt>Учётная запись ЕСИА</dt><dd data-testid="account">${person.account ? `oid ${person.account.oid}${person.account.createdByParent ? ', детская, создана родителем' : ''}` : 'нет'}</dd>
<dt>Роль для проверки</dt><dd>${definition.accessRole ? ROLE_RU[definition.accessRole] : person.memberships.some((m) => m.role === 'parent') ? 'родитель (проверка не применяется)' : 'нет роли в ГИС РУО'}</dd>
<dt>Согласие на передачу</dt><dd data-testid="consent">${person.account ? (consentGiven ? 'дано' : 'не дано') : '—'}</dd>
<dt>Дневник региона ${person.regionCode}</dt><dd data-testid="diary">${diaryDown ? 'недоступен' : 'работает'}</dd></dl></section>`;
}

function checkLine(prefix: string, handle: string, line: CheckLine): Html {
  const { check } = line;
  const action =
    check.passed || line.fix === null
      ? check.passed
        ? ''
        : markup`<br><small data-testid="no-fix">Сценарием не исправить: это делает ${line.who} в реальной системе.</small>`
      : line.fixedAbove
        ? markup`<br><small>Сначала нужна кнопка «${actionLabel(line.fix)}» выше.</small>`
        : markup`<br>${scenarioForm(prefix, handle, line.fix, 'fix')}`;
  return markup`<li data-check="${check.code}" data-passed="${String(check.passed)}"><span class="${check.passed ? 'ok' : 'no'}" aria-hidden="true">${check.passed ? '✓' : '✗'}</span> ${check.message}<span class="sr-only">${check.passed ? ' — выполнено' : ' — не выполнено'}</span>${
    check.passed ? '' : markup`<br><small>Кто действует: ${line.who}.</small>${check.fix ? markup`<br><small>Что сделать: ${check.fix}</small>` : ''}`
  }${action}</li>`;
}

function accessCard(model: PanelModel): Html {
  const { access, lines, definition } = model.view;
  const body = access
    ? markup`<p class="verdict ${access.allowed ? 'ok' : 'no'}" data-testid="verdict"><b>${access.allowed ? 'Урок ЦОК открывается' : 'Урок ЦОК не открывается'}</b></p>
<ul class="checks">${lines.map((l) => checkLine(model.prefix, definition.handle, l))}</ul>`
    : markup`<p data-testid="verdict">Проверка доступа к урокам ЦОК к роли родителя не применяется: уроки открывают ученики и сотрудники школы. Родитель действует за ребёнка — создаёт детскую учётную запись, привязывает её и даёт разрешение; выберите персону ученика, чтобы это показать.</p>`;
  return markup`<section class="card" id="check" aria-labelledby="check-h"><h2 id="check-h">Доступ к урокам библиотеки ЦОК</h2>${body}</section>`;
}

function actionsCard(model: PanelModel): Html {
  const { actions, definition, lines } = model.view;
  const fixes = new Set(lines.map((l) => l.fix));
  const others = actions.filter((a) => !fixes.has(a));
  return markup`<section class="card" aria-labelledby="actions-h"><h2 id="actions-h">Другие сценарии для этой персоны</h2>
<p class="muted">Каждая кнопка делает то, что в жизни сделали бы родитель, ученик, школа или регион; проверка и шаги входа пересчитываются сразу.</p>
<div class="actions">${others.map((a) => scenarioForm(model.prefix, definition.handle, a, 'action'))}</div></section>`;
}

function demoCard(model: PanelModel): Html {
  return markup`<section class="card" aria-labelledby="demo-h"><h2 id="demo-h">Демо</h2>
<p class="muted">Песочница «${model.sandboxId}». Время на её часах: ${moscowDateTime(model.now.toISOString())} (МСК).</p>
<div class="actions"><form method="post" action="${model.prefix}/demo/reset" style="display:inline-block;margin:4px 8px 4px 0"><input type="hidden" name="persona" value="${model.view.definition.handle}"><button type="submit" class="secondary">Сбросить демо</button></form>
<form method="post" action="${model.prefix}/demo/new" style="display:inline-block;margin:4px 8px 4px 0"><button type="submit" class="secondary">Открыть демо в своей песочнице</button></form></div>
<p class="muted">«Сбросить демо» возвращает песочницу к началу: согласия, учётные записи, права, расписание, часы и сбои. Своя песочница нужна, когда демо ведут несколько тренеров: изменения в ней не видны другим.</p></section>`;
}

function flashBox(flash: Flash | undefined): Html {
  if (!flash) return markup``;
  return flash.kind === 'done'
    ? markup`<div class="notice" id="result" role="status" tabindex="-1" style="overflow-wrap:anywhere"><b>Готово.</b> ${flash.text}</div>`
    : markup`<div class="error" id="result" role="alert" tabindex="-1" style="overflow-wrap:anywhere"><b>Не получилось.</b> ${flash.text}</div>`;
}

/** Two cards side by side where there is room, one above the other on a phone (the flow's long ids, a consent's uuid, wrap anywhere). */
const PAIR_STYLE = 'display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,400px),1fr));gap:0 16px';

export function panelPage(model: PanelModel): string {
  const body = markup`<h1>Панель тренера: почему не открывается урок ЦОК</h1>
${flashBox(model.flash)}
${switcher(model)}
<div style="${PAIR_STYLE}">${personaCard(model)}<div style="overflow-wrap:anywhere">${timelineCard(model.flow.steps, model.flow.gatewayMs)}</div></div>
${accessCard(model)}
${actionsCard(model)}
${demoCard(model)}`;
  return layout(model.context, 'Панель тренера', body, { section: 'trainer' });
}
