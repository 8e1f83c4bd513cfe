/**
 * The ranges a diary must take (docs/diary-contract.md «GET {base}/Schedule/{oid}»): none (the
 * default window around the diary's today), and any range from one day to 93 days.
 */
import { judged, outcomeOf } from './judge.ts';
import type { ScheduleAnswer } from './contract-checks.ts';
import type { Range } from './plan.ts';
import { child, schoolsOf, text } from './schedule-walk.ts';
import type { CheckResult } from './verdict.ts';

/** Answers without a range: the window each school declares should be the default one as of the world's date. */
export function rangeDefault(answers: readonly ScheduleAnswer[], byDefault: Range): CheckResult {
  const refused = answers.filter((a) => a.exchange.status !== 200);
  if (refused.length > 0)
    return judged('range.default', {
      status: 'failed',
      summary: 'Запрос без start и end не принят',
      problems: refused.map((a) => `${a.exchange.label}: ожидался HTTP 200, пришёл ${outcomeOf(a.exchange)}`),
      exchanges: refused.map((a) => a.exchange),
    });
  const other = answers.flatMap((a) =>
    schoolsOf(a.exchange.json)
      .map((school) => child(school, 'period'))
      .filter((period) => text(period, 'start') !== byDefault.start || text(period, 'end') !== byDefault.end)
      .map((period) => ({ answer: a, problem: `${a.exchange.label}: school.period ${text(period, 'start')}…${text(period, 'end')}` })),
  );
  if (other.length > 0)
    // The diary's clock may not stand on the world's date: a warning, not a failure.
    return judged('range.default', {
      status: 'warning',
      summary: `Окно по умолчанию не ${byDefault.start}…${byDefault.end} (часы дневника не на дате мира?)`,
      problems: other.map((o) => o.problem),
      exchanges: other.map((o) => o.answer.exchange),
    });
  return judged('range.default', {
    status: 'pass',
    summary: `Без периода: ${byDefault.start}…${byDefault.end}, как требует контракт`,
    exchanges: answers.slice(0, 1).map((a) => a.exchange),
  });
}

/** One day, a week, a quarter and exactly 93 days: each answered 200. */
export function rangeAccepted(answers: readonly ScheduleAnswer[]): CheckResult {
  const refused = answers.filter((a) => a.exchange.status !== 200);
  if (refused.length > 0)
    return judged('range.accepted', {
      status: 'failed',
      summary: `Не приняты допустимые периоды: ${refused.length} из ${answers.length}`,
      problems: refused.map((a) => `${a.exchange.label} (${a.range?.start}…${a.range?.end}): ожидался HTTP 200, пришёл ${outcomeOf(a.exchange)}`),
      exchanges: refused.map((a) => a.exchange),
    });
  return judged('range.accepted', { status: 'pass', summary: `Допустимые периоды приняты (${answers.length} из ${answers.length})` });
}
