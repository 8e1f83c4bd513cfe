/**
 * Every check of `edusim verify diary`, declared once: its id, title, the requirement it tests (a
 * link into docs/, whose anchor a test holds to the page) and how to fix a failure. docs/verify.md
 * lists the same table.
 */
const CONTRACT = 'docs/diary-contract.md';
const TOKEN = `${CONTRACT}#post-basetoken`;
const SCHEDULE = `${CONTRACT}#get-basescheduleoidstartyyyy-mm-ddendyyyy-mm-dd`;
const SHAPE = `${CONTRACT}#schedule-mocksdiarycontractts`;
const ERRORS = `${CONTRACT}#errors-operationoutcome`;

export interface CheckDefinition {
  readonly title: string;
  readonly requirement: string;
  readonly fix: string;
}

export const DIARY_CHECKS = {
  'token.issued': {
    title: 'Маркер по client_credentials выдаётся',
    requirement: TOKEN,
    fix: 'POST {base}/token с grant_type=client_credentials и верными client_id/client_secret (в теле формы или Basic) должен отвечать 200 {"access_token", "token_type": "Bearer", "expires_in"}.',
  },
  'token.wrong-secret': {
    title: 'Неверный секрет отклоняется',
    requirement: TOKEN,
    fix: 'Сверяйте client_secret с зарегистрированным для client_id; при несовпадении отвечайте 401 {"error": "invalid_client"}.',
  },
  'token.unknown-client': {
    title: 'Неизвестный клиент отклоняется',
    requirement: TOKEN,
    fix: 'Выдавайте маркеры только зарегистрированным client_id; неизвестному отвечайте 401 {"error": "invalid_client"}.',
  },
  'token.wrong-grant': {
    title: 'Другой grant_type отклоняется',
    requirement: TOKEN,
    fix: 'На любой grant_type, кроме client_credentials, отвечайте 400 {"error": "unsupported_grant_type"}.',
  },
  'token.required': {
    title: 'Расписание без действующего маркера не выдаётся',
    requirement: ERRORS,
    fix: 'GET /Schedule/{oid} без заголовка Authorization или с чужим маркером должен получать 401 OperationOutcome с кодом security.',
  },
  'contract.shape': {
    title: 'Ответ Schedule по контракту: поля и типы',
    requirement: SHAPE,
    fix: 'Отвечайте 200 с Schedule ровно с теми именами полей и типами, что в контракте (resourceType, id, meta, school[].class[].lesson[] …); каждое нарушение названо путём. Если на всех людей пришёл 404 — в дневник загружен другой мир: сверьте --seed, --scale, --region и --date с выгрузкой.',
  },
  'contract.dates': {
    title: 'Даты и время с часовым поясом региона, в пределах периода',
    requirement: SHAPE,
    fix: 'Пишите period.start/end уроков в ISO-8601 со смещением региона (2026-11-16T08:30:00+03:00), school.period — датами YYYY-MM-DD запрошенного периода, уроки — только внутри него.',
  },
  'contract.marks': {
    title: 'Оценки в известной системе и в её пределах',
    requirement: SHAPE,
    fix: 'scoreSystem — одна из five, ten, hundred, pass; score — значение этой системы (для five: 1–5); weight — положительное число.',
  },
  'contract.attendance': {
    title: 'Коды посещаемости контракта',
    requirement: SHAPE,
    fix: 'attendance.code — одна строчная кириллическая буква: н (не был), б (болел), у (уважительная причина), о (опоздал).',
  },
  'world.lessons': {
    title: 'Уроки этого человека и этих дат',
    requirement: 'docs/verify.md#against-the-world',
    fix: 'Загрузите `edusim world export` с теми же seed, scale, region и date; ученику — уроки его класса, родителю — каждого ребёнка, учителю — только его уроки, и только за запрошенные даты.',
  },
  'world.marks': {
    title: 'Оценки именно этого ученика',
    requirement: 'docs/verify.md#against-the-world',
    fix: 'Выбирайте оценки урока по ученику (marks.csv: pupilId), а не по классу; учителю и чужому ученику оценки не показывайте.',
  },
  'world.homework': {
    title: 'Домашние задания уроков',
    requirement: 'docs/verify.md#against-the-world',
    fix: 'Отдавайте homework урока из выгрузки (lessons.csv: homework) без изменений.',
  },
  'world.attendance': {
    title: 'Посещаемость этого ученика',
    requirement: 'docs/verify.md#against-the-world',
    fix: 'Отдавайте отметку посещаемости ученика на уроке (attendance.csv: pupilId, code) в кодах контракта.',
  },
  'range.default': {
    title: 'Период по умолчанию: с понедельника прошлой недели по воскресенье следующей',
    requirement: SCHEDULE,
    fix: 'Без start и end отвечайте за период с понедельника прошлой недели по воскресенье следующей (по дате часов дневника).',
  },
  'range.accepted': {
    title: 'Допустимые периоды принимаются: день, неделя, четверть, 93 дня',
    requirement: SCHEDULE,
    fix: 'Принимайте любой период от одного дня до 93 дней включительно.',
  },
  'errors.half-range': {
    title: 'Только start без end: 400 required',
    requirement: ERRORS,
    fix: 'Если дан только один из start/end, отвечайте 400 OperationOutcome с кодом required.',
  },
  'errors.reversed': {
    title: 'end раньше start: 400 value',
    requirement: ERRORS,
    fix: 'Если end раньше start, отвечайте 400 OperationOutcome с кодом value.',
  },
  'errors.malformed': {
    title: 'Дата не в формате YYYY-MM-DD: 400 value',
    requirement: ERRORS,
    fix: 'Несуществующую дату или другой формат (23.11.2026) отклоняйте 400 OperationOutcome с кодом value.',
  },
  'errors.too-long': {
    title: 'Период больше 93 дней: 400 too-costly',
    requirement: ERRORS,
    fix: 'Период длиннее 93 дней отклоняйте 400 OperationOutcome с кодом too-costly.',
  },
  'errors.unknown-oid': {
    title: 'Неизвестный oid: 404 not-found',
    requirement: ERRORS,
    fix: 'Если oid не найден, отвечайте 404 OperationOutcome с кодом not-found — не 500 и не пустым расписанием.',
  },
  'errors.left-pupil': {
    title: 'Человек, которого нет в реестре (выбывший ученик): 404 not-found',
    requirement: ERRORS,
    fix: 'Человеку без членства в школе региона (выбыл, не ученик, не родитель, не учитель) отвечайте 404 OperationOutcome с кодом not-found.',
  },
  'load.latency': {
    title: 'Задержка под нагрузкой (p95 в пределах бюджета)',
    requirement: 'docs/verify.md#under-load',
    fix: 'Ускорьте GET /Schedule/{oid}: «Моя школа» ждёт ответа не дольше 3 с, p95 должен укладываться в бюджет (--p95-budget).',
  },
  'load.errors': {
    title: 'Доля ошибок под нагрузкой',
    requirement: 'docs/verify.md#under-load',
    fix: 'Под нагрузкой отвечайте 200 на каждый верный запрос: ошибки 5xx, обрывы и тайм-ауты видны пользователям как «дневник недоступен».',
  },
} as const satisfies Record<string, CheckDefinition>;

export type DiaryCheckId = keyof typeof DIARY_CHECKS;

export const DIARY_CHECK_IDS = Object.keys(DIARY_CHECKS) as DiaryCheckId[];
