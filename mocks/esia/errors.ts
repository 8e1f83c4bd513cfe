/**
 * ESIA errors on the wire (docs/esia.md «Errors»): an ESIA code, the OAuth error it maps to
 * and ESIA's Russian text. One type; one mapper to each wire format.
 */
import { json, redirect, type SimResponse } from '../http/sim-http.ts';

export type EsiaErrorCode =
  | '007002'
  | '007003'
  | '007004'
  | '007006'
  | '007007'
  | '007009'
  | '007011'
  | '007012'
  | '007013'
  | '007014'
  | '007015'
  | '007019'
  | '007023'
  | '007038'
  | '007039'
  | '007040'
  | '007053'
  | '007055'
  | '036700'
  | '036701'
  | '036702'
  | '036703'
  | '036706'
  | '036707'
  | '036716'
  | '036726';

const TABLE: Record<EsiaErrorCode, [oauthError: string, text: string]> = {
  '007002': ['invalid_client', 'Несоответствие сертификата и мнемоники информационной системы'],
  '007003': ['invalid_request', 'В запросе отсутствует обязательный параметр, неверное значение параметра или параметр указан несколько раз'],
  '007004': ['access_denied', 'Владелец ресурса или сервис авторизации отклонил запрос'],
  '007006': ['invalid_scope', 'Запрошенная область доступа (scope) указана неверно'],
  '007007': ['server_error', 'Неожиданная ошибка сервиса авторизации'],
  '007009': ['unsupported_response_type', 'Сервис авторизации не поддерживает получение маркера этим методом'],
  '007011': ['invalid_grant', 'Авторизационный код или маркер обновления недействителен, просрочен, отозван или выдан другой системе'],
  '007012': ['unsupported_grant_type', 'Тип авторизационного кода не поддерживается сервисом авторизации'],
  '007013': ['invalid_scope', 'Запрос не содержит указания на область доступа (scope)'],
  '007014': ['invalid_request', 'Запрос не содержит обязательного параметра'],
  '007015': ['invalid_request', 'Неверное время запроса'],
  '007019': ['access_denied', 'Отсутствует разрешение на доступ'],
  '007023': ['invalid_request', 'Указанный адрес перенаправления (redirect_uri) отсутствует среди разрешённых для системы'],
  '007038': ['invalid_request', 'Ошибка получения параметров из запроса'],
  '007039': ['invalid_grant', 'В изначальном запросе параметр code_challenge не был указан'],
  '007040': ['invalid_grant', 'Ошибка сравнения исходного и контрольного значений (code_verifier)'],
  '007053': ['invalid_client', 'client_secret сформирован некорректно или не соответствует сертификату системы'],
  '007055': ['access_denied', 'Вход в систему осуществляется с неподтверждённой учётной записью'],
  '036700': ['invalid_request', 'Не указана мнемоника типа согласия'],
  '036701': ['invalid_request', 'Тип согласия не найден'],
  '036702': ['invalid_request', 'Не указан обязательный скоуп согласия'],
  '036703': ['invalid_request', 'Скоупы согласия выходят за рамки запрошенных'],
  '036706': ['invalid_request', 'Необходимо указать хотя бы одно действие'],
  '036707': ['invalid_request', 'Действие не существует'],
  '036716': ['invalid_request', 'Необходимо указать хотя бы одну цель'],
  '036726': ['invalid_request', 'Некорректное время истечения согласия'],
};

export const ESIA_ERROR_CODES = Object.keys(TABLE) as EsiaErrorCode[];

export class EsiaError extends Error {
  override readonly name = 'EsiaError';
  readonly oauthError: string;

  /** `detail` names the parameter or value at fault; it is appended to ESIA's text. */
  constructor(
    readonly code: EsiaErrorCode,
    readonly detail?: string,
    readonly status = 400,
  ) {
    const [oauthError, text] = TABLE[code];
    super(`ESIA-${code}: ${text}${detail ? ` (${detail})` : ''}`);
    this.oauthError = oauthError;
  }
}

/** Token endpoint and REST: HTTP status with `{error, error_description, state}`. */
export function errorJson(error: EsiaError, state?: string | null): SimResponse {
  return json(error.status, { error: error.oauthError, error_description: error.message, ...(state ? { state } : {}) });
}

/** Authorize: back to the client's redirect_uri with the error in the query. */
export function errorRedirect(redirectUri: string, error: EsiaError, state?: string | null): SimResponse {
  const url = new URL(redirectUri);
  url.searchParams.set('error', error.oauthError);
  url.searchParams.set('error_description', error.message);
  if (state) url.searchParams.set('state', state);
  return redirect(url.toString());
}

/** Anything thrown becomes an ESIA error; unknown failures are 007007, never a stack trace. */
export function toEsiaError(error: unknown): EsiaError {
  return error instanceof EsiaError ? error : new EsiaError('007007', undefined, 500);
}
