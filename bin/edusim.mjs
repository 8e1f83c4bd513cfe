#!/usr/bin/env node
// The `edusim` command. In a source checkout (the TypeScript sources beside this file) it runs
// them through tsx, no build step; an installed package runs the compiled dist/ with no loader.
import { existsSync } from 'node:fs';

const source = new URL('../sandbox/cli/main.ts', import.meta.url);
let main;
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import(source.href));
} else {
  ({ main } = await import('../dist/sandbox/cli/main.js'));
}
const code = await main(process.argv.slice(2));
if (code !== 0) process.exitCode = code;
