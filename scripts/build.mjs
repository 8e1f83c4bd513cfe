#!/usr/bin/env node
// `npm run build` (and `npm pack`, through prepack): compiled JavaScript and .d.ts in dist/.
//
// tsc compiles what the package's entry points reach (tsconfig.build.json "files": the
// package.json "exports" and the CLI), rewriting `./x.ts` imports to `./x.js`; tests, contract
// suites, bench/ and examples/ are never reached. The files the code reads at run time beside
// itself (new URL('./…', import.meta.url)) are copied to the same place under dist/. Then the
// output is checked: every such literal URL points at a file in dist/, and every package it
// imports is a dependency or peerDependency.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');

/** Read at run time relative to the module that reads them: the supergraph, and every table in seeds/data (read by name through seeds/data/tables.ts). */
const ASSETS = [
  'schema/supergraph.graphql', // schema/supergraph-file.ts
  ...readdirSync(join(root, 'seeds/data'))
    .filter((name) => name.endsWith('.tsv'))
    .map((name) => `seeds/data/${name}`),
];

const started = performance.now();
rmSync(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
if (result.status !== 0) {
  process.stderr.write(`build: tsc failed (exit ${result.status ?? result.signal})\n`);
  process.exit(1);
}
for (const asset of ASSETS) {
  mkdirSync(dirname(join(dist, asset)), { recursive: true });
  cpSync(join(root, asset), join(dist, asset));
}

// Every literal new URL('./…', import.meta.url) in the output must point at a file in dist/.
const files = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
const missing = [];
let count = 0;
for (const file of files(dist).filter((f) => f.endsWith('.js'))) {
  count += 1;
  for (const match of readFileSync(file, 'utf8').matchAll(/new URL\((['"])(\.{1,2}\/[^'"]+)\1, import\.meta\.url\)/g)) {
    const target = join(dirname(file), match[2]);
    if (!existsSync(target)) missing.push(`${relative(root, file)} reads ${match[2]} (${relative(root, target)} is missing)`);
  }
}
// Every package the output imports must be one the package declares (a devDependency is not installed for users).
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const declared = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {}), pkg.name]);
const packageOf = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');
for (const file of files(dist).filter((f) => f.endsWith('.js'))) {
  for (const match of readFileSync(file, 'utf8').matchAll(
    /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm,
  )) {
    const specifier = match[1] ?? match[2] ?? match[3];
    if (specifier.startsWith('.') || specifier.startsWith('node:')) continue;
    if (!declared.has(packageOf(specifier))) missing.push(`${relative(root, file)} imports ${specifier}, not in dependencies or peerDependencies`);
  }
}
if (missing.length > 0) {
  process.stderr.write(
    `build: the output would not run where the package is installed:\n  ${missing.join('\n  ')}\n(files read at run time go in ASSETS in scripts/build.mjs)\n`,
  );
  process.exit(1);
}
process.stdout.write(`build: dist/ — ${count} modules, ${ASSETS.length} assets, ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
