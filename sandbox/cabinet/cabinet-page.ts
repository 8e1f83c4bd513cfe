/**
 * The cabinet after a login: the header (full name from ESIA, role switcher, child picker, logout),
 * the consent step when needed, the registry card, the week's diary and the flow timeline.
 */
import { ageOn } from '../../seeds/index.ts';
import { markup, type Html } from '../pages/html.ts';
import type { CabinetAnswer, GraphQLProblem } from './data.ts';
import { accessPanel } from './access-panel.ts';
import { consentStep, type ConsentStepInput } from './consent-step.ts';
import { diaryCard } from './diary-view.ts';
import { explain, ROLE_RU } from './explain.ts';
import { layout } from './layout.ts';
import { libraryLink } from './library-links.ts';
import type { PageContext } from './page-context.ts';
import { cabinetLink, type View } from './links.ts';
import { registryCard } from './registry-card.ts';
import { timelineCard, type FlowStep } from './timeline.ts';

export interface CabinetModel {
  readonly context: PageContext;
  readonly view: View;
  /** The sandbox date in Moscow (ages count by it). */
  readonly today: string;
  readonly week: { readonly from: string; readonly to: string };
  readonly answer: CabinetAnswer;
  readonly roles: readonly string[];
  readonly steps: readonly FlowStep[];
  readonly consent: Omit<ConsentStepInput, 'subjectOid'>;
}

function problemBox(problem: GraphQLProblem): Html {
  const { title, todo } = explain(problem);
  return markup`<div class="error" role="alert" data-code="${problem.extensions?.code ?? ''}"><b>${title}</b><br>${todo}</div>`;
}

function headerBar(model: CabinetModel): Html {
  const me = model.answer.me;
  return markup`<div class="who"><span data-testid="fullname">${me?.fullName ?? ''}</span>${model.view.role ? markup`<small>${ROLE_RU[model.view.role] ?? model.view.role}</small>` : ''}
<form method="post" action="${model.context.prefix}/logout"><button type="submit" class="secondary">Выйти</button></form></div>`;
}

function switchers(model: CabinetModel): Html {
  const { view, roles } = model;
  const prefix = model.context.prefix;
  const children = model.answer.me?.children ?? [];
  const roleNav =
    roles.length > 1
      ? markup`<nav class="tabs" aria-label="Роль">${roles.map(
          (r) =>
            markup`<a href="${cabinetLink(prefix, view, { role: r, child: null })}"${r === view.role ? markup` aria-current="page"` : ''}>${ROLE_RU[r] ?? r}</a>`,
        )}</nav>`
      : '';
  const childNav =
    view.role === 'PARENT' && children.length > 0
      ? markup`<nav class="tabs" aria-label="Ребёнок">${children.map(
          (c) => markup`<a href="${cabinetLink(prefix, view, { child: c.oid })}"${c.oid === view.child ? markup` aria-current="page"` : ''}>${c.fullName}</a>`,
        )}</nav>`
      : '';
  return markup`${roleNav}${childNav}`;
}

export function cabinetPage(model: CabinetModel): string {
  const { answer } = model;
  const me = answer.me;
  const consentProblem = answer.errors.find((e) => e.extensions?.code === 'CONSENT_REQUIRED');
  const roleProblem = answer.errors.find((e) => e.extensions?.code === 'ROLE_CHOICE_REQUIRED');
  const diaryProblem = answer.errors.find((e) => e.path?.[1] === 'diary');
  const other = answer.errors.filter(
    (e) => e !== consentProblem && e !== roleProblem && e !== diaryProblem && e.path?.[1] !== 'registry' && e.path?.[1] !== 'lessonAccess',
  );
  const accessProblem = answer.errors.find((e) => e.path?.[1] === 'lessonAccess');
  const subjectOid = Number(consentProblem?.extensions?.['subjectOid'] ?? me?.oid ?? 0);
  const roleChoice = roleProblem
    ? markup`<section class="card" aria-labelledby="role-h"><h2 id="role-h">Выберите роль</h2><p>У вас несколько ролей в ГИС РУО. В какой открыть кабинет?</p>
<nav class="tabs" aria-label="Роль">${model.roles.map((r) => markup`<a href="${cabinetLink(model.context.prefix, model.view, { role: r })}">${ROLE_RU[r] ?? r}</a>`)}</nav></section>`
    : '';
  const body = markup`<h1>Здравствуйте, ${me?.fullName ?? 'пользователь'}</h1>
${switchers(model)}
${other.map(problemBox)}
${consentProblem ? consentStep({ ...model.consent, subjectOid }) : ''}
${roleChoice}
<div class="grid">${me ? registryCard(me, model.view.role) : ''}${timelineCard(model.steps, answer.ms)}</div>
${me && !roleProblem && (me.registry || !consentProblem) ? diaryCard(me, model.context.prefix, model.view, model.week.from, model.week.to, diaryProblem ? problemBox(diaryProblem) : null) : ''}
${me && !roleProblem && !consentProblem && model.view.role !== 'PARENT' ? accessPanel(me.lessonAccess, accessProblem, me.birthDate ? ageOn(me.birthDate, model.today) : null, markup`<p><a class="button secondary" href="${libraryLink(model.context.prefix, { role: model.view.role })}">Открыть библиотеку ЦОК</a></p>`) : ''}`;
  return layout(model.context, me?.fullName ?? 'Кабинет', body, { header: headerBar(model), section: 'cabinet' });
}
