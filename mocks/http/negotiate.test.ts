import { describe, expect, it } from 'vitest';
import { preferredType, prefersHtml } from './negotiate.ts';

describe('content negotiation by Accept', () => {
  it('gives a browser its page and an API client its JSON', () => {
    const chromium = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';
    expect(prefersHtml(chromium)).toBe(true);
    expect(prefersHtml('application/json')).toBe(false);
    expect(prefersHtml('*/*')).toBe(false);
    expect(prefersHtml(undefined)).toBe(false);
  });

  it('honours quality values instead of looking for a substring', () => {
    expect(prefersHtml('text/html;q=0.1, application/json')).toBe(false);
    expect(prefersHtml('application/json;q=0.5, text/html')).toBe(true);
    expect(preferredType('application/x-ndjson;q=0, application/json', ['application/json', 'application/x-ndjson'])).toBe('application/json');
    expect(preferredType('application/x-ndjson', ['application/json', 'application/x-ndjson'])).toBe('application/x-ndjson');
  });

  it('falls back to the first offered type when the client names none of them', () => {
    expect(preferredType('image/png', ['application/json', 'text/html'])).toBe('application/json');
  });
});
