/** The 404 page a browser gets for an unknown path (API clients get JSON): where to go instead. */
import { markup } from './html.ts';

export function notFoundPage(prefix: string, path: string): string {
  return markup`<!doctype html><html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Страница не найдена — edusim</title>
<style>body{font-family:Lato,Arial,sans-serif;background:#f5f7fa;color:#0b1f33;margin:0}main{max-width:640px;margin:48px auto;background:#fff;border-radius:12px;padding:24px;box-shadow:0 2px 8px rgba(11,31,51,.08)}a{color:#0d4cd3}</style></head>
<body><main><h1>Страница не найдена</h1><p>Адреса <code>${path}</code> на стенде нет. Проверьте адрес или начните с главной.</p>
<ul><li><a href="${prefix}/">«Моя школа»: вход через Госуслуги</a></li><li><a href="${prefix}/demo">Почему персона не может открыть урок ЦОК</a></li><li><a href="${prefix}/_edusim/docs">Описание API</a></li></ul></main></body></html>`
    .text;
}
