/** Where every sandbox serves the vendor's callback page; its ESIA takes it as redirect URI for every client. */
export const CALLBACK_PATH = '/_edusim/callback';

/** The callback page's URL from the sandbox's ESIA base URL (`…/esia` as the request came in). */
export function callbackUrlFromEsia(esiaBaseUrl: string): string {
  return `${esiaBaseUrl.replace(/\/esia$/, '')}${CALLBACK_PATH}`;
}
