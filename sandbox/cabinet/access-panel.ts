/**
 * The ЦОК access-check panel: can this person, in this role, open a lesson of the ЦОК library —
 * check by check, as «Моя школа» answers `lessonAccess`, with what to do when a check fails.
 */
import { markup, type Html } from '../pages/html.ts';
import type { GraphQLProblem, Me } from './data.ts';

export function accessPanel(me: Me, problem: GraphQLProblem | undefined): Html {
  const access = me.lessonAccess;
  const body = problem
    ? markup`<p class="muted">Проверка недоступна: ${problem.message}</p>`
    : !access
      ? markup`<p class="muted">«Моя школа» не вернула проверку.</p>`
      : markup`<p class="${access.allowed ? 'ok' : 'no'}"><b>${access.allowed ? 'Уроки ЦОК открываются' : 'Уроки ЦОК не открываются'}</b></p>
<ul class="checks">${(access.checks ?? []).map(
          (c) =>
            markup`<li data-check="${c.code ?? ''}"><span class="${c.passed ? 'ok' : 'no'}" aria-hidden="true">${c.passed ? '✓' : '✗'}</span> ${c.message ?? c.code ?? ''}<span class="sr-only">${c.passed ? ' — выполнено' : ' — не выполнено'}</span>${!c.passed && c.fix ? markup`<br><small>Что сделать: ${c.fix}</small>` : ''}</li>`,
        )}</ul>`;
  return markup`<section class="card" aria-labelledby="access-h"><h2 id="access-h">Доступ к урокам библиотеки ЦОК</h2>${body}</section>`;
}
