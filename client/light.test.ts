/**
 * `edusim/client` loads nothing but itself: no zod, no server, no Node built-ins — every import of
 * its modules that survives compilation is of another module of client/. (Type-only imports and
 * exports vanish; `import type` and `export type` are the only way client/ may name the rest.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const folder = new URL('./', import.meta.url);
const modules = readdirSync(folder).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));

/** The specifiers a module imports or re-exports at run time. */
function runtimeImports(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found: string[] = [];
  for (const m of code.matchAll(/^\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*'([^']+)'/gm)) {
    const [, , typeOnly, clause = '', specifier = ''] = m;
    if (typeOnly) continue;
    // `import { type A, type B } from …` vanishes too.
    const names = /^\{([^}]*)\}$/.exec(clause.trim())?.[1];
    if (names !== undefined && names.split(',').every((name) => name.trim() === '' || name.trim().startsWith('type '))) continue;
    found.push(specifier);
  }
  for (const m of code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(m[1] ?? '');
  for (const m of code.matchAll(/^\s*import\s+'([^']+)'/gm)) found.push(m[1] ?? '');
  return found;
}

describe('edusim/client at run time', () => {
  it('has modules to check', () => {
    expect(modules).toEqual(expect.arrayContaining(['index.ts', 'edusim.ts', 'errors.ts', 'http.ts', 'api-types.ts']));
  });

  it.each(modules)('%s imports only modules of client/', (file) => {
    const imports = runtimeImports(readFileSync(new URL(file, folder), 'utf8'));
    for (const specifier of imports) expect(specifier, `${file} imports ${specifier} at run time`).toMatch(/^\.\/[\w-]+\.ts$/);
  });

  it('sees a run-time import when there is one', () => {
    expect(runtimeImports("import { z } from 'zod';\nimport type { A } from 'x';\nimport { type B } from 'y';\nexport { C } from './c.ts';")).toEqual([
      'zod',
      './c.ts',
    ]);
  });
});
