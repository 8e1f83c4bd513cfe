/**
 * The vendor's callback page (`/_edusim/callback`): what came back on the redirect (code and state,
 * or ESIA's error), a form to exchange the code, and the tokens decoded and checked. Russian, no
 * scripts, HTML only through `markup`.
 */
import type { PageContext } from '../cabinet/page-context.ts';
import { layout } from '../cabinet/layout.ts';
import { markup, type Html } from '../pages/html.ts';
import type { CheckedToken } from './token-check.ts';

export type CallbackView =
  | { readonly kind: 'empty'; readonly callbackUrl: string; readonly clients: readonly string[] }
  | { readonly kind: 'error'; readonly error: string; readonly description: string; readonly state: string }
  | {
      readonly kind: 'code';
      readonly code: string;
      readonly state: string;
      /** The client the code was issued to (null: the sandbox has no such live code). */
      readonly clientId: string | null;
      /** Strict profile, a vendor's client: the message to sign, with the timestamp and state in it. */
      readonly signing: { readonly message: string; readonly timestamp: string; readonly state: string } | null;
      readonly problem: string | null;
    }
  | {
      readonly kind: 'exchanged';
      readonly clientId: string;
      readonly status: number;
      readonly answer: Record<string, unknown>;
      readonly tokens: readonly { readonly name: string; readonly checked: CheckedToken | null }[];
    };

const CHECK_NAMES = { signature: 'Подпись', iss: 'Издатель (iss)', aud: 'Получатель (aud)', exp: 'Срок (exp)' } as const;

export function callbackPage(context: PageContext, view: CallbackView): string {
  return layout(context, 'Адрес возврата песочницы', markup`<section class="card"><h1>Адрес возврата песочницы</h1>${body(context, view)}</section>`);
}

function body(context: PageContext, view: CallbackView): Html {
  switch (view.kind) {
    case 'empty':
      return markup`<p>Сюда ЕСИА песочницы возвращает пользователя после входа. Укажите этот адрес как <code>redirect_uri</code> — его принимает любая система, зарегистрированная в песочнице:</p>
<p style="overflow-wrap:anywhere"><code data-callback>${view.callbackUrl}</code></p>
<p class="muted">Зарегистрированные системы: ${view.clients.join(', ')}.</p>`;
    case 'error':
      return markup`<div class="error" role="alert"><p>ЕСИА вернула ошибку <code>${view.error}</code>.</p><p>${view.description || 'Описание не передано.'}</p></div>
<dl class="facts" style="overflow-wrap:anywhere"><dt>state</dt><dd><code>${view.state || '—'}</code></dd></dl>`;
    case 'code':
      return codeSection(context, view);
    case 'exchanged':
      return exchangedSection(view);
  }
}

function codeSection(context: PageContext, view: Extract<CallbackView, { kind: 'code' }>): Html {
  const signing = view.signing;
  return markup`<p class="notice">Получен код авторизации. Он одноразовый и действует несколько минут.</p>
${view.problem ? markup`<div class="error" role="alert">${view.problem}</div>` : ''}
<dl class="facts" style="overflow-wrap:anywhere"><dt>code</dt><dd><code data-code>${view.code}</code></dd><dt>state</dt><dd><code data-state>${view.state || '—'}</code></dd>
<dt>Система</dt><dd>${view.clientId ?? 'код не найден: он истёк, уже обменян или выдан другой песочницей'}</dd></dl>
<form method="post" action="${context.prefix}/_edusim/callback"><h2>Обменять код на маркеры</h2>
<input type="hidden" name="code" value="${view.code}">
<label for="client_id">client_id</label><input id="client_id" name="client_id" value="${view.clientId ?? ''}" required>
<label for="code_verifier">code_verifier (если вход был с PKCE)</label><input id="code_verifier" name="code_verifier" autocomplete="off">
${
  signing
    ? markup`<input type="hidden" name="timestamp" value="${signing.timestamp}"><input type="hidden" name="state" value="${signing.state}">
<p>Строгий профиль: подпишите ключом своей системы эту строку (client_secret по правилам ЕСИА) и вставьте подпись в base64url. Закрытый ключ песочнице не нужен.</p>
<p style="overflow-wrap:anywhere"><code data-message>${signing.message}</code></p>
<label for="client_secret">client_secret</label><input id="client_secret" name="client_secret" autocomplete="off" required>`
    : ''
}
<p><button type="submit">Обменять код</button></p></form>`;
}

function exchangedSection(view: Extract<CallbackView, { kind: 'exchanged' }>): Html {
  if (view.status !== 200) {
    const error = String(view.answer['error'] ?? 'неизвестная ошибка');
    const description = String(view.answer['error_description'] ?? '');
    return markup`<div class="error" role="alert" style="overflow-wrap:anywhere"><p>ЕСИА отказала в обмене кода (HTTP ${view.status}): <code>${error}</code>.</p><p>${description}</p></div>`;
  }
  const facts = ['token_type', 'expires_in', 'scope']
    .filter((k) => view.answer[k] !== undefined)
    .map((k) => markup`<dt>${k}</dt><dd>${String(view.answer[k])}</dd>`);
  const refresh = view.answer['refresh_token'] !== undefined ? 'выдан' : 'нет';
  return markup`<p class="notice">Код обменян для системы ${view.clientId}.</p>
<dl class="facts">${facts}<dt>refresh_token</dt><dd>${refresh}</dd></dl>
${view.tokens.map((t) => tokenSection(t.name, t.checked))}`;
}

function tokenSection(name: string, checked: CheckedToken | null): Html {
  if (checked === null) return markup`<h2>${name}</h2><div class="error" role="alert">Это не JWT: заголовок и утверждения не читаются.</div>`;
  return markup`<h2>${name}</h2>
<ul class="checks" data-token="${name}">${checked.checks.map(
    (c) => markup`<li data-check="${c.name}" data-passed="${String(c.passed)}">${c.passed ? '✓' : '✗'} ${CHECK_NAMES[c.name]}: ${c.detail}</li>`,
  )}</ul>
<h3>Заголовок</h3><pre style="white-space:pre-wrap;overflow-wrap:anywhere">${JSON.stringify(checked.header, null, 2)}</pre>
<h3>Утверждения</h3><pre style="white-space:pre-wrap;overflow-wrap:anywhere">${JSON.stringify(checked.claims, null, 2)}</pre>`;
}
