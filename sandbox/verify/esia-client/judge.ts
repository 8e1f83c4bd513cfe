/**
 * The verdict on an ESIA client from what it did in a sandbox (the journal) and which traps the
 * sandbox served: one check per requirement, each with the attempts that break it as evidence.
 */
import type { JournalEntry } from '../../journal/journal.ts';
import type { CheckResult, CheckStatus, Evidence } from '../verdict.ts';
import { attemptsOf, fellFor, type Attempt, type ServedTrap } from './attempts.ts';
import { ESIA_CLIENT_CHECKS, type EsiaClientCheckId } from './catalogue.ts';
import { journalEvidence } from './evidence.ts';

const UUID = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i;
const TIMESTAMP = /^(\d{4})\.(\d{2})\.(\d{2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/;
/** ESIA's tolerance for a client's clock (docs/esia.md «client_secret and the two profiles»). */
const MAX_SKEW_MS = 5 * 60_000;
/** ESIA codes of a refused client proof: no or wrong key or certificate, a secret that is not base64url. */
const PROOF_ERRORS = new Set(['ESIA-007002', 'ESIA-007053']);

export interface EsiaClientInput {
  readonly entries: readonly JournalEntry[];
  readonly clientId: string;
  readonly served: readonly ServedTrap[];
}

function result(
  id: EsiaClientCheckId,
  status: CheckStatus,
  summary: string,
  problems: readonly string[] = [],
  evidence: readonly Evidence[] = [],
): CheckResult {
  const definition = ESIA_CLIENT_CHECKS[id];
  return {
    id,
    title: definition.title,
    requirement: definition.requirement,
    status,
    summary,
    problems,
    evidence,
    fix: status === 'pass' ? null : definition.fix,
  };
}

/** Pass when no attempt has a problem, else `failing` with every problem and its attempt as evidence. */
function perAttempt(
  id: EsiaClientCheckId,
  attempts: readonly Attempt[],
  problemsOf: (attempt: Attempt) => string[],
  passSummary: string,
  failing: CheckStatus = 'failed',
): CheckResult {
  const found = attempts.map((attempt, i) => ({ attempt, i, problems: problemsOf(attempt) })).filter((f) => f.problems.length > 0);
  if (found.length === 0) return result(id, 'pass', passSummary);
  return result(
    id,
    failing,
    `попыток с нарушением: ${found.length} из ${attempts.length}`,
    found.flatMap(({ i, problems }) => problems.map((p) => `попытка ${i + 1}: ${p}`)),
    found.slice(0, 3).map(({ attempt, i }) => journalEvidence(`попытка ${i + 1}, авторизация`, attempt.authorize)),
  );
}

const errorIs = (entry: JournalEntry, codes: readonly string[]) => entry.esiaCode !== undefined && codes.includes(entry.esiaCode);

function timestampProblems(attempt: Attempt): string[] {
  const text = attempt.params.get('timestamp');
  if (text === null) return ['timestamp не передан'];
  const m = TIMESTAMP.exec(text);
  if (!m) return [`timestamp «${text}» не в формате yyyy.MM.dd HH:mm:ss +ZZZZ`];
  const [, y, mo, d, h, mi, s, sign, oh, om] = m;
  const offset = (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
  const at = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) - offset * 60_000;
  const skew = Math.abs(at - Date.parse(attempt.authorize.sandboxAt));
  return skew > MAX_SKEW_MS
    ? [`timestamp «${text}» расходится с часами ЕСИА (${attempt.authorize.sandboxAt}) на ${Math.round(skew / 1000)} с, допустимо 300 с`]
    : [];
}

function stateProblems(attempts: readonly Attempt[]): (attempt: Attempt) => string[] {
  const counts = new Map<string, number>();
  for (const a of attempts) {
    const state = a.params.get('state');
    if (state !== null) counts.set(state, (counts.get(state) ?? 0) + 1);
  }
  return (attempt) => {
    const state = attempt.params.get('state');
    if (state === null || state === '') return ['state не передан'];
    if (!UUID.test(state)) return [`state «${state}» не UUID`];
    return (counts.get(state) ?? 0) > 1 ? [`state «${state}» повторяется в ${counts.get(state)} попытках`] : [];
  };
}

function exchangeProblems(attempt: Attempt): string[] {
  const [first] = attempt.exchanges;
  if (!first) return ['код не обменян на маркеры'];
  const { form, entry } = first;
  const problems: string[] = [];
  const redirect = attempt.params.get('redirect_uri');
  if (form.get('redirect_uri') !== redirect) problems.push(`redirect_uri «${form.get('redirect_uri') ?? ''}» не тот, что в авторизации («${redirect ?? ''}»)`);
  if (attempt.params.get('code_challenge') !== null && form.get('code_verifier') === null)
    problems.push('code_verifier не передан, хотя авторизация шла с code_challenge');
  for (const name of ['state', 'timestamp', 'client_secret']) if (form.get(name) === null) problems.push(`${name} не передан`);
  if (entry.status !== 200) problems.push(`ЕСИА ответила ${entry.status} ${entry.esiaCode ?? entry.error ?? ''}`.trim());
  return problems;
}

function trapCheck(trap: string, attempts: readonly Attempt[]): CheckResult | null {
  const id = `trap.${trap}`;
  if (!(id in ESIA_CLIENT_CHECKS)) return null;
  const trapped = attempts.map((attempt, i) => ({ attempt, i })).filter(({ attempt }) => attempt.trap?.trap === trap);
  const fell = trapped.filter(({ attempt }) => fellFor(attempt));
  const evidence = trapped.flatMap(({ attempt, i }) => [
    journalEvidence(`попытка ${i + 1} с ловушкой ${trap}, авторизация`, attempt.authorize),
    ...attempt.exchanges.map(({ entry }) => journalEvidence(`попытка ${i + 1}, обмен кода`, entry)),
    ...attempt.personCalls.map((call) => journalEvidence(`попытка ${i + 1}, запрос /rs/prns`, call)),
  ]);
  const attemptNumbers = trapped.map(({ i }) => i + 1).join(', ');
  if (fell.length === 0) return result(id as EsiaClientCheckId, 'pass', `ловушка подана (попытка ${attemptNumbers}), система не продолжила вход`, [], evidence);
  return result(
    id as EsiaClientCheckId,
    'failed',
    `система продолжила вход после ловушки (попытка ${fell.map(({ i }) => i + 1).join(', ')})`,
    fell.map(({ i }) =>
      trap === 'state-mismatch'
        ? `попытка ${i + 1}: код обменян, хотя state на возврате был чужой`
        : `попытка ${i + 1}: после ответа с испорченным id_token запрошен /rs/prns с выданным маркером`,
    ),
    evidence,
  );
}

export function judgeEsiaClient(input: EsiaClientInput): CheckResult[] {
  const attempts = attemptsOf(input.entries, input.clientId, input.served);
  if (attempts.length === 0) {
    const none = result('authorize.sent', 'failed', `в журнале нет запроса авторизации с client_id=${input.clientId}`, [
      'проверять нечего: войдите через песочницу один раз и запустите проверку снова',
    ]);
    const rest = (Object.keys(ESIA_CLIENT_CHECKS) as EsiaClientCheckId[]).filter((id) => id !== 'authorize.sent' && !id.startsWith('trap.'));
    return [none, ...rest.map((id) => result(id, 'skipped', 'нет попыток входа'))];
  }
  // Answers on the redirect are judged only where the client was not trapped before them.
  const honest = attempts.filter((a) => a.trap === null || a.trap.trap !== 'state-mismatch');
  const untrapped = attempts.filter((a) => a.trap === null);
  const accepted = honest.filter((a) => a.authorize.status === 200);
  const checks: CheckResult[] = [
    result('authorize.sent', 'pass', `попыток входа: ${attempts.length}`, [], [journalEvidence('первая авторизация', attempts[0]!.authorize)]),
    perAttempt(
      'authorize.scope',
      attempts,
      (a) => (/(^|\s)openid(\s|$)/.test(a.params.get('scope') ?? '') ? [] : [`scope «${a.params.get('scope') ?? ''}» без openid`]),
      'openid запрошен',
      'warning',
    ),
    perAttempt('authorize.state', attempts, stateProblems(attempts), 'state — новый UUID в каждой попытке'),
    perAttempt(
      'authorize.pkce',
      attempts,
      (a) => {
        const challenge = a.params.get('code_challenge');
        const method = a.params.get('code_challenge_method');
        if (challenge === null) return ['code_challenge не передан'];
        return method === 'S256' ? [] : [`code_challenge_method «${method ?? ''}», нужен S256`];
      },
      'code_challenge S256 в каждой попытке',
      'warning',
    ),
    perAttempt(
      'authorize.redirect-uri',
      attempts,
      (a) => (errorIs(a.authorize, ['ESIA-007023']) ? [`redirect_uri «${a.params.get('redirect_uri') ?? ''}» не зарегистрирован (ESIA-007023)`] : []),
      'redirect_uri принят',
    ),
    perAttempt(
      'authorize.timestamp',
      attempts,
      (a) => [...timestampProblems(a), ...(errorIs(a.authorize, ['ESIA-007015']) ? ['ЕСИА отклонила timestamp (ESIA-007015)'] : [])],
      'timestamp в формате и в пределах 5 минут',
    ),
    perAttempt(
      'authorize.signature',
      attempts,
      (a) => [
        ...(a.params.get('client_secret') === null ? ['client_secret не передан'] : []),
        ...(a.authorize.path.includes('/v2/') && a.params.get('client_certificate_hash') === null ? ['client_certificate_hash не передан'] : []),
        ...(a.authorize.esiaCode !== undefined && PROOF_ERRORS.has(a.authorize.esiaCode) ? [`ЕСИА отклонила подпись (${a.authorize.esiaCode})`] : []),
      ],
      'подпись и хеш сертификата приняты',
    ),
    accepted.length === 0
      ? result('token.exchange', 'skipped', 'ни одна авторизация не принята: обменивать нечего')
      : perAttempt('token.exchange', accepted, exchangeProblems, `код обменян в ${accepted.length} попытках`),
    personCheck(untrapped),
  ];
  const traps = [...new Set(attempts.flatMap((a) => (a.trap ? [a.trap.trap] : [])))];
  return [...checks, ...traps.map((t) => trapCheck(t, attempts)).filter((c): c is CheckResult => c !== null)];
}

function personCheck(untrapped: readonly Attempt[]): CheckResult {
  const exchanged = untrapped.filter((a) => a.exchanges.some(({ entry }) => entry.status === 200));
  if (exchanged.length === 0) return result('person.called', 'skipped', 'нет попытки без ловушки, где код обменян');
  const used = exchanged.filter((a) => a.personCalls.some((c) => c.status === 200));
  if (used.length > 0)
    return result(
      'person.called',
      'pass',
      `/rs/prns запрошен с маркером в ${used.length} из ${exchanged.length} попыток`,
      [],
      [journalEvidence('запрос /rs/prns', used[0]!.personCalls[0]!)],
    );
  return result(
    'person.called',
    'warning',
    'после обмена кода /rs/prns не запрошен (или отвечал ошибкой)',
    exchanged.flatMap((a) => a.personCalls.map((c) => `/rs/prns ответил ${c.status} ${c.error ?? ''}`.trim())),
  );
}
