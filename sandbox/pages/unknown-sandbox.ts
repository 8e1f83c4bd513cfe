/** The page a browser gets for a sandbox that does not exist (API clients get the JSON `unknown_sandbox`): how to make it. */
import { markup } from './html.ts';

export function unknownSandboxPage(id: string): string {
  return markup`<!doctype html><html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Песочница не найдена — edusim</title>
<style>body{font-family:Lato,Arial,sans-serif;background:#f5f7fa;color:#0b1f33;margin:0}main{max-width:640px;margin:48px auto;background:#fff;border-radius:12px;padding:24px;box-shadow:0 2px 8px rgba(11,31,51,.08)}a{color:#0d4cd3}code{overflow-wrap:anywhere}</style></head>
<body><main><h1>Песочница не найдена</h1><p>Песочницы <code>${id}</code> на стенде нет: её не создавали, удалили или стенд перезапущен.</p>
<p>Создайте её командой <code>npx edusim sandbox create --id ${id}</code> и обновите страницу, или откройте <a href="/">песочницу по умолчанию</a>.</p></main></body></html>`
    .text;
}
