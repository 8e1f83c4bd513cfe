/**
 * The ЦОК access-check panel: can this person, in this role, open a lesson of the ЦОК library —
 * as «Моя школа» answers `lessonAccess`: each condition a line, green or red, the reason, and for
 * a failed one who must act and what to do.
 */
import { markup, type Html } from '../pages/html.ts';
import type { GraphQLProblem, LessonAccess } from './data.ts';
import { CHECK_RU, whoActs } from './explain.ts';

type Check = NonNullable<LessonAccess['checks']>[number];

function checkLine(c: Check, age: number | null): Html {
  const code = c.code ?? '';
  const passed = c.passed === true;
  return markup`<li data-check="${code}" data-passed="${String(passed)}"><span class="${passed ? 'ok' : 'no'}" aria-hidden="true">${passed ? '✓' : '✗'}</span> <b>${CHECK_RU[code] ?? code}</b><span class="sr-only">${passed ? ' — выполнено' : ' — не выполнено'}</span><br>${c.message ?? ''}${
    !passed
      ? markup`<br><small>Кто должен действовать: <b>${whoActs(code, age)}</b>.</small>${c.fix ? markup`<br><small>Что сделать: ${c.fix}</small>` : ''}`
      : ''
  }</li>`;
}

/** `age` (years, on the sandbox date) decides who acts for a pupil; `extra` goes under the checks. */
export function accessPanel(access: LessonAccess | null | undefined, problem: GraphQLProblem | undefined, age: number | null, extra: Html | string = ''): Html {
  const body = problem
    ? markup`<p class="muted">Проверка недоступна: ${problem.message}</p>`
    : !access
      ? markup`<p class="muted">«Моя школа» не вернула проверку.</p>`
      : markup`<p class="${access.allowed ? 'ok' : 'no'}" data-allowed="${String(access.allowed === true)}"><b>${access.allowed ? 'Уроки ЦОК открываются' : 'Уроки ЦОК не открываются'}</b></p>
<ul class="checks">${(access.checks ?? []).map((c) => checkLine(c, age))}</ul>`;
  return markup`<section class="card" aria-labelledby="access-h"><h2 id="access-h">Доступ к урокам библиотеки ЦОК</h2>${body}${extra}</section>`;
}
