#!/usr/bin/env node
// The `edusim` command. In a source checkout (the TypeScript sources beside this file) it runs
// them through tsx, no build step; an installed package runs the compiled dist/ with no loader.
import { existsSync } from 'node:fs';
import module from 'node:module';

const source = new URL('../sandbox/cli/main.ts', import.meta.url);
let main;
if (existsSync(source)) {
  if (typeof module.registerHooks === 'function') {
    // Node ≥ 22.15: tsx hooks the loader in this thread.
    const { register } = await import('tsx/esm/api');
    register();
  } else {
    // Older Node runs loader hooks in a worker: registering tsx's ESM hooks there directly spares
    // this thread tsx's API (esbuild, the CommonJS hooks) — about 10 MB and 0.1 s of every command.
    module.register('tsx/esm', { parentURL: import.meta.url, data: {} });
    process.setSourceMapsEnabled(true); // stack traces name .ts lines, as under tsx's API
  }
  ({ main } = await import(source.href));
} else {
  ({ main } = await import('../dist/sandbox/cli/main.js'));
}
const code = await main(process.argv.slice(2));
if (code !== 0) process.exitCode = code;
