export { Html, markup, raw, escapeHtml } from '../../mocks/index.ts';
