/**
 * The flow timeline: the six steps of the «Моя школа» login flow (ESIA login, consent, ГИС РУО
 * lookup, region/school/class/role, the diary by ESIA id, marks/homework/schedule), each with its
 * status and latency as the gateway's trace reports them, errors explained in Russian.
 */
import { moscowDateTime } from '../../mocks/index.ts';
import { markup, type Html } from '../pages/html.ts';
import type { CabinetAnswer, TraceStep } from './data.ts';
import { explain } from './explain.ts';

export type StepStatus = 'ok' | 'failed' | 'skipped';

export interface FlowStep {
  readonly title: string;
  readonly status: StepStatus;
  readonly detail: string;
  readonly latencyMs: number | null;
}

const ICON: Record<StepStatus, string> = { ok: '✓', failed: '✗', skipped: '○' };
const SAID: Record<StepStatus, string> = { ok: 'выполнен', failed: 'ошибка', skipped: 'не выполнялся' };

/** The trace's steps of one kind, with ISO instants in their details written as Moscow time. */
function fromTrace(steps: readonly TraceStep[], name: string): TraceStep[] {
  return steps
    .filter((s) => s.step === name)
    .map((s) => ({ ...s, detail: s.detail.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, (iso) => `${moscowDateTime(iso)} (МСК)`) }));
}

export function flowSteps(answer: CabinetAnswer, loginMs: number, oid: number): FlowStep[] {
  const problem = (code: string) => answer.errors.find((e) => e.extensions?.code === code);
  const consent = fromTrace(answer.trace, 'consent');
  const consentFailed = consent.find((s) => !s.ok) ?? (problem('CONSENT_REQUIRED') ? { detail: explain(problem('CONSENT_REQUIRED')!).title } : undefined);
  const registry = fromTrace(answer.trace, 'registry')[0];
  const roleFailed = problem('ROLE_CHOICE_REQUIRED') ?? problem('FORBIDDEN');
  const diary = fromTrace(answer.trace, 'diary').at(-1);
  const diaryProblem = answer.errors.find((e) => e.path?.[1] === 'diary');
  const reg = answer.me?.registry;
  const lessons = answer.me?.diary?.entries.flatMap((e) => e.lessons) ?? [];
  const unauth = problem('UNAUTHENTICATED');
  return [
    {
      title: 'Вход через Госуслуги (ЕСИА)',
      status: unauth ? 'failed' : 'ok',
      detail: unauth ? explain(unauth).title : `код обменян на маркер доступа, oid ${oid}`,
      latencyMs: loginMs,
    },
    {
      title: 'Согласие на передачу данных',
      status: consentFailed ? 'failed' : consent.length ? 'ok' : 'skipped',
      detail: consentFailed ? `${consentFailed.detail}` : (consent[0]?.detail ?? 'не проверялось'),
      latencyMs: null,
    },
    {
      title: 'Запрос в ГИС РУО',
      status: registry ? (registry.ok ? 'ok' : 'failed') : 'skipped',
      detail: registry?.detail ?? 'не выполнялся: нет согласия или входа',
      latencyMs: registry?.latencyMs ?? null,
    },
    {
      title: 'Регион, школа, класс, роль',
      status: !reg ? 'skipped' : roleFailed ? 'failed' : 'ok',
      detail: !reg
        ? 'нет сведений из ГИС РУО'
        : roleFailed
          ? explain(roleFailed).title
          : `${reg.region.name}; ${
              reg.memberships
                .map((m) => [m.school?.name, m.class?.name].filter(Boolean).join(', '))
                .filter(Boolean)
                .join('; ') || 'без школы'
            }`,
      latencyMs: null,
    },
    {
      title: 'Дневник региона по oid из ЕСИА',
      status: diary ? (diary.ok && !diaryProblem ? 'ok' : 'failed') : diaryProblem && diaryProblem.extensions?.code?.startsWith('DIARY') ? 'failed' : 'skipped',
      detail: diaryProblem?.extensions?.code?.startsWith('DIARY')
        ? `${explain(diaryProblem).title}${diary?.status ? ` (HTTP ${diary.status})` : ''}`
        : diary
          ? `${diary.detail}${diary.status ? `, HTTP ${diary.status}` : ''}`
          : 'не выполнялся',
      latencyMs: diary?.latencyMs ?? null,
    },
    {
      title: 'Оценки, домашние задания, расписание',
      status: answer.me?.diary ? 'ok' : 'skipped',
      detail: answer.me?.diary
        ? `уроков: ${lessons.length}, оценок: ${lessons.reduce((n, l) => n + (l.marks?.length ?? 0), 0)}, домашних заданий: ${lessons.filter((l) => l.homework).length}`
        : diaryProblem
          ? explain(diaryProblem).title
          : 'нет данных',
      latencyMs: null,
    },
  ];
}

/** `gatewayMs` null: no question reached «Моя школа» (nobody could log in). */
export function timelineCard(steps: readonly FlowStep[], gatewayMs: number | null): Html {
  return markup`<section class="card" aria-labelledby="flow-h"><h2 id="flow-h">Как «Моя школа» получила данные</h2>
<p class="muted">${gatewayMs === null ? 'Запроса к «Моей школе» не было: вход не состоялся.' : `Запрос к «Моей школе» (GraphQL) занял ${gatewayMs} мс.`}</p>
<ol class="flow">${steps.map(
    (s, i) =>
      markup`<li data-step="${i + 1}" data-status="${s.status}"><span class="${s.status === 'ok' ? 'ok' : s.status === 'failed' ? 'no' : 'wait'}" aria-hidden="true">${ICON[s.status]}</span><div><b>${i + 1}. ${s.title}</b> <span class="sr-only">— ${SAID[s.status]}</span><br><small>${s.detail}</small></div><small>${s.latencyMs === null ? '' : `${s.latencyMs} мс`}</small></li>`,
  )}</ol></section>`;
}
