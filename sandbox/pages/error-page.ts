/** The page a browser gets when a request fails (API clients get the JSON error): what happened and what to do, never a stack trace. */
import { markup } from './html.ts';

export function browserErrorPage(prefix: string, status: number): string {
  const [title, todo] =
    status >= 500
      ? ['Страница не открылась', 'На стенде произошла ошибка. Обновите страницу; если не помогло, вернитесь на главную и войдите заново.']
      : ['Запрос не принят', 'Адрес или его параметры неверны. Вернитесь на предыдущую страницу или начните с главной.'];
  return markup`<!doctype html><html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title} — edusim</title>
<style>body{font-family:Lato,Arial,sans-serif;background:#f5f7fa;color:#0b1f33;margin:0}main{max-width:640px;margin:48px auto;background:#fff;border-radius:12px;padding:24px;box-shadow:0 2px 8px rgba(11,31,51,.08)}a{color:#0d4cd3}</style></head>
<body><main><h1>${title}</h1><p role="alert">${todo}</p><p><a href="${prefix}/">На главную «Моей школы»</a></p></main></body></html>`.text;
}
