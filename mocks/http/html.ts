/**
 * HTML from a template that escapes by default: every value put into `markup\`…\`` is escaped,
 * unless it is itself `Html` (a fragment made by `markup`, or trusted markup wrapped in `raw`).
 * (Named `markup`, not `html`, so that Prettier leaves the templates' text as written.)
 * Arrays are joined; `null`, `undefined` and `false` write nothing.
 *
 *   markup`<li title="${title}">${name}</li>`          // title and name escaped
 *   markup`<ul>${items.map((i) => markup`<li>${i}</li>`)}</ul>`
 */
export class Html {
  constructor(readonly text: string) {}

  toString(): string {
    return this.text;
  }
}

export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

function render(value: unknown): string {
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

export function markup(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let text = strings[0] ?? '';
  values.forEach((value, i) => {
    text += render(value) + (strings[i + 1] ?? '');
  });
  return new Html(text);
}

/** Markup written by edusim itself (a stylesheet), never anything from a request or a declaration. */
export function raw(text: string): Html {
  return new Html(text);
}
