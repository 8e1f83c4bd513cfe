/**
 * Every check of `edusim verify esia-client`, declared once: its id, title, the requirement it
 * tests (a link into docs/) and how to fix a failure. docs/verify.md «ESIA client» lists the same.
 */
import type { CheckDefinition } from '../catalogue.ts';

const AUTHORIZE = 'docs/esia.md#authorize-authorizets';
const TOKEN = 'docs/esia.md#token-endpoint-grants';
const PROOF = 'docs/esia.md#client_secret-and-the-two-profiles-contextts-signaturets-cmsts-timestampts';
const TRAPS = 'docs/verify.md#traps';

export const ESIA_CLIENT_CHECKS = {
  'authorize.sent': {
    title: 'Вход начат запросом авторизации этой системы',
    requirement: AUTHORIZE,
    fix: 'Направьте пользователя на GET {esia}/aas/oauth2/v2/ac с client_id вашей системы и выполните вход один раз, затем запустите проверку снова.',
  },
  'authorize.scope': {
    title: 'scope запрашивает openid',
    requirement: 'docs/esia.md#scopes-scopests',
    fix: 'Передавайте scope со значением openid (и нужными данными: fullname, birthdate …), иначе ЕСИА не выдаст id_token, по которому система узнаёт, кто вошёл.',
  },
  'authorize.state': {
    title: 'state есть, это UUID, новый при каждом входе',
    requirement: AUTHORIZE,
    fix: 'Для каждого входа создавайте новый случайный state (UUID v4), храните его в сессии пользователя и сверяйте с state на возврате.',
  },
  'authorize.pkce': {
    title: 'PKCE: code_challenge методом S256',
    requirement: AUTHORIZE,
    fix: 'Создайте случайный code_verifier (43–128 символов), передайте code_challenge = BASE64URL(SHA-256(code_verifier)) и code_challenge_method=S256, а code_verifier — при обмене кода.',
  },
  'authorize.redirect-uri': {
    title: 'redirect_uri зарегистрирован для системы',
    requirement: AUTHORIZE,
    fix: 'Передавайте redirect_uri ровно в том виде, в каком он зарегистрирован (GET {esia}/sim/clients/{client_id} показывает список), или зарегистрируйте его.',
  },
  'authorize.timestamp': {
    title: 'timestamp в формате ЕСИА и свежий',
    requirement: PROOF,
    fix: 'Передавайте timestamp как yyyy.MM.dd HH:mm:ss +ZZZZ (2026.11.23 12:00:00 +0300) по текущему времени: расхождение с часами ЕСИА не больше 5 минут.',
  },
  'authorize.signature': {
    title: 'client_secret и client_certificate_hash верны',
    requirement: PROOF,
    fix: 'Подписывайте client_id + scope + scope_org + timestamp + state + redirect_uri ключом зарегистрированного сертификата и передавайте client_certificate_hash — SHA-256 сертификата (64 шестнадцатеричные цифры).',
  },
  'token.exchange': {
    title: 'Код обменян на маркеры: тот же redirect_uri, code_verifier, подпись',
    requirement: TOKEN,
    fix: 'POST {esia}/aas/oauth2/v3/te (application/x-www-form-urlencoded): grant_type=authorization_code, code, тот же redirect_uri, что в запросе авторизации, code_verifier, state, timestamp, client_secret и client_certificate_hash.',
  },
  'person.called': {
    title: 'Данные пользователя получены с выданным маркером (/rs/prns)',
    requirement: 'docs/esia.md#person-rest-restts-person-apits',
    fix: 'После проверки id_token запросите GET {esia}/rs/prns/{oid} с заголовком Authorization: Bearer <access_token>; oid — urn:esia:sbj_id маркера или sub id_token.',
  },
  'trap.wrong-iss': {
    title: 'Ловушка: id_token чужого издателя (iss) отвергнут',
    requirement: TRAPS,
    fix: 'Сверяйте iss id_token с издателем ЕСИА (issuer из /.well-known/openid-configuration) и при несовпадении прерывайте вход.',
  },
  'trap.wrong-aud': {
    title: 'Ловушка: id_token для другой системы (aud) отвергнут',
    requirement: TRAPS,
    fix: 'Сверяйте aud id_token со своим client_id (jose: jwtVerify(token, jwks, { audience: clientId })).',
  },
  'trap.expired': {
    title: 'Ловушка: просроченный id_token отвергнут',
    requirement: TRAPS,
    fix: 'Проверяйте exp (и nbf) id_token по текущему времени; просроченный маркер — отказ во входе.',
  },
  'trap.bad-signature': {
    title: 'Ловушка: id_token с неверной подписью отвергнут',
    requirement: TRAPS,
    fix: 'Проверяйте подпись id_token ключом из JWKS ЕСИА (/.well-known/jwks.json); не декодируйте маркер без проверки.',
  },
  'trap.unknown-key': {
    title: 'Ловушка: id_token, подписанный ключом, которого нет в JWKS, отвергнут',
    requirement: TRAPS,
    fix: 'Выбирайте ключ проверки по kid только из JWKS ЕСИА; маркер с неизвестным kid отвергайте (обновите JWKS один раз, затем — отказ).',
  },
  'trap.state-mismatch': {
    title: 'Ловушка: возврат с чужим state отвергнут',
    requirement: TRAPS,
    fix: 'Сверяйте state на redirect_uri с тем, что сохранили в сессии до перехода в ЕСИА; при несовпадении не обменивайте код.',
  },
} as const satisfies Record<string, CheckDefinition>;

export type EsiaClientCheckId = keyof typeof ESIA_CLIENT_CHECKS;
