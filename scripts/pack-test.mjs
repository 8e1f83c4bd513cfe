#!/usr/bin/env node
// `npm run test:package`: edusim as a new user gets it. Packs the package (prepack builds dist/),
// installs the tarball with vitest and msw into a throw-away project in a temporary folder, and
// there: (a) imports every subpath from plain Node and uses it; (b) type-checks a file importing
// every subpath with the consumer's own tsc (strict, skipLibCheck false), the examples too;
// (c) runs examples/*.test.ts with the consumer's vitest, importing `edusim/…` as a consumer does;
// (d) runs `npx edusim --help` and `npx edusim personas --json`.
// Installs from the npm registry (--prefer-offline), so it is not part of `npm test`; .ci/run runs it.
// `--keep` leaves the consumer project in place and prints where.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const keep = process.argv.includes('--keep');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const dev = pkg.devDependencies;
const work = mkdtempSync(join(tmpdir(), 'edusim-pack-'));
const consumer = join(work, 'consumer');
const npmFlags = ['--prefer-offline', '--no-audit', '--no-fund'];

let failures = 0;
const started = performance.now();
const seconds = (since) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/** Runs a command; resolves with its output, rejects with it (and the exit code) on failure. */
function run(command, args, cwd, { env = {}, timeoutMs = 10 * 60_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve({ stdout, stderr });
      else reject(Object.assign(new Error(`${command} ${args.join(' ')}: exit ${code ?? signal}`), { stdout, stderr }));
    });
  });
}

async function step(name, body) {
  const since = performance.now();
  try {
    const note = await body();
    console.log(`✓ ${name} (${seconds(since)})${note ? ` — ${note}` : ''}`);
    return true;
  } catch (error) {
    failures += 1;
    console.log(`✗ ${name} (${seconds(since)}): ${error.message}`);
    const output = `${error.stdout ?? ''}${error.stderr ?? ''}`.trim();
    if (output)
      console.log(
        output
          .split('\n')
          .slice(-60)
          .map((line) => `    ${line}`)
          .join('\n'),
      );
    return false;
  }
}

// ── the tarball ──────────────────────────────────────────────────────────────────────────────
let tarball;
const packed = await step('npm pack (prepack: npm run build)', async () => {
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', work], root);
  const [info] = JSON.parse(stdout.slice(stdout.indexOf('\n[') + 1 || stdout.indexOf('[')));
  tarball = join(work, info.filename);
  const files = info.files.map((file) => file.path);
  const required = ['package.json', 'README.md', 'bin/edusim.mjs', 'dist/index.js', 'dist/index.d.ts', 'dist/sandbox/cli/main.js'];
  for (const [condition, target] of Object.entries(pkg.exports).flatMap(([, value]) => (typeof value === 'string' ? [] : Object.entries(value)))) {
    if (condition !== 'edusim-source') required.push(target.replace(/^\.\//, ''));
  }
  const absent = required.filter((file) => !files.includes(file));
  const code = files.filter((file) => /\.(m?js|ts)$/.test(file));
  const sources = code.filter((file) => (file.endsWith('.ts') && !file.endsWith('.d.ts')) || /\.test\.|-contract\.|^bench\/|^examples\/|^scripts\//.test(file));
  if (absent.length > 0) throw new Error(`missing from the tarball: ${absent.join(', ')}`);
  if (sources.length > 0) throw new Error(`sources or tests in the tarball: ${sources.slice(0, 10).join(', ')}`);
  return `${info.filename}, ${files.length} files, ${(info.size / 1024 / 1024).toFixed(2)} MiB packed`;
});
if (!packed) finish();

// ── the consumer project ─────────────────────────────────────────────────────────────────────
const installed = await step('npm install the tarball, vitest, msw, typescript into a new project', async () => {
  mkdirSync(consumer, { recursive: true });
  writeFileSync(join(consumer, 'package.json'), `${JSON.stringify({ name: 'edusim-consumer', private: true, type: 'module' }, null, 2)}\n`);
  const deps = [`vitest@${dev.vitest}`, `msw@${dev.msw}`, `typescript@${dev.typescript}`, `@types/node@${dev['@types/node']}`];
  await run('npm', ['install', ...npmFlags, tarball, ...deps], consumer);
  const loader = existsSync(join(consumer, 'node_modules/tsx')) ? 'tsx installed (by something else)' : 'no tsx';
  return `${deps.join(', ')}; ${loader}`;
});
if (!installed) finish();

// (a) plain Node, no loader: every subpath imported and used.
writeFileSync(
  join(consumer, 'smoke.mjs'),
  `import assert from 'node:assert/strict';
import * as root from 'edusim';
import * as client from 'edusim/client';
import { createEdusimHandlers } from 'edusim/msw';
import { setupServer } from 'msw/node';

// edusim: the host on a free port and its /health; edusim/client: a sandbox, a login, a query, against it.
assert.equal(typeof root.startServer, 'function', 'edusim exports startServer');
const world = root.createWorld({ seed: 42, scale: 'demo' });
const server = await root.startServer(world, { port: 0, host: '127.0.0.1' });
try {
  const health = await fetch(server.url + '/health').then((r) => r.json());
  assert.equal(health.status, 'ok', JSON.stringify(health));
  const openapi = await fetch(server.url + '/_edusim/openapi.json').then((r) => r.json());
  assert.equal(openapi.info?.version, ${JSON.stringify(pkg.version)}, 'the OpenAPI document names the installed version');
  const api = new client.Edusim({ url: server.url });
  const sandbox = await api.createSandbox({ seed: 7 });
  const teacher = await sandbox.login('teacher-with-rights', { consent: true });
  const { data } = await teacher.graphql('{ me { fullName } }');
  assert.ok(typeof data.me?.fullName === 'string' && data.me.fullName.length > 0, JSON.stringify(data));
  await sandbox.delete();
} finally {
  await server.close();
}

// edusim/msw: the host as msw handlers in this process, a persona logged in through ESIA.
const edusim = await createEdusimHandlers({ seed: 42 });
const msw = setupServer(...edusim.handlers);
msw.listen({ onUnhandledRequest: 'error' });
try {
  const viaMsw = await fetch(edusim.url('/health')).then((r) => r.json());
  assert.equal(viaMsw.status, 'ok');
  const tokens = await edusim.login({ persona: 'pupil-child-account', consent: true });
  assert.equal(tokens.token_type, 'Bearer');
} finally {
  msw.close();
  await edusim.close();
}

// edusim/vitest is a Vitest fixture: outside the runner importing it may fail, but only for that
// reason (the examples use it under vitest, step c).
try {
  const fixture = await import('edusim/vitest');
  assert.equal(typeof fixture.edusimTest, 'function');
} catch (error) {
  if (!/vitest/i.test(String(error?.message))) throw error;
}
console.log('ok: ' + ['edusim', 'edusim/client', 'edusim/msw', 'edusim/vitest'].join(', '));
`,
);
await step('(a) plain Node imports edusim, edusim/client, edusim/msw, edusim/vitest and uses them', async () => {
  const { stdout } = await run(process.execPath, ['smoke.mjs'], consumer, { timeoutMs: 120_000 });
  return stdout.trim().split('\n').at(-1);
});

// (b) the consumer's tsc, strict, on our .d.ts and everything they reach.
const examples = join(root, 'examples');
const exampleFiles = existsSync(examples) ? readdirSync(examples) : [];
const exampleTests = exampleFiles.filter((file) => file.endsWith('.test.ts'));
if (exampleFiles.length > 0) cpSync(examples, join(consumer, 'examples'), { recursive: true });
writeFileSync(
  join(consumer, 'types.ts'),
  `import { createApp, startServer, resolveServerConfig } from 'edusim';
import * as client from 'edusim/client';
import { createEdusimHandlers, type EdusimMsw } from 'edusim/msw';
import type * as fixture from 'edusim/vitest';

export const entries: readonly unknown[] = [createApp, startServer, resolveServerConfig, client, createEdusimHandlers];
export type Fixture = typeof fixture;
export async function teacherName(url: string): Promise<string> {
  const sandbox = await new client.Edusim({ url }).createSandbox({ seed: 7 });
  const session = await sandbox.login('teacher-with-rights', { consent: true });
  const { data } = await session.graphql<{ me: { fullName: string } }>('{ me { fullName } }');
  await sandbox.delete();
  return data.me.fullName;
}
export async function health(edusim: EdusimMsw): Promise<number> {
  const response = await edusim.handle(new Request(edusim.url('/health')));
  return response.status;
}
`,
);
// msw's own .d.ts need the DOM lib (as msw documents); the root and the client must not.
const tsconfig = (lib, include) => ({
  compilerOptions: {
    target: 'ES2023',
    lib,
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    noEmit: true,
    allowImportingTsExtensions: true,
    verbatimModuleSyntax: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: false,
    types: ['node'],
  },
  include,
});
writeFileSync(join(consumer, 'tsconfig.json'), `${JSON.stringify(tsconfig(['ES2023', 'DOM'], ['types.ts', 'examples/**/*.ts']), null, 2)}\n`);
writeFileSync(join(consumer, 'tsconfig.node.json'), `${JSON.stringify(tsconfig(['ES2023'], ['types-node.ts']), null, 2)}\n`);
writeFileSync(
  join(consumer, 'types-node.ts'),
  `import { createApp, startServer } from 'edusim';
import { Edusim } from 'edusim/client';

export const entries: readonly unknown[] = [createApp, startServer, Edusim];
`,
);
await step('(b) the consumer’s tsc --noEmit (strict, skipLibCheck: false) on every subpath and the examples (lib ES2023 + DOM)', async () => {
  await run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], consumer);
  return `${exampleFiles.filter((file) => file.endsWith('.ts')).length} example files`;
});
await step('(b) the same for edusim and edusim/client without the DOM lib (a Node-only project)', async () => {
  await run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.node.json'], consumer);
});

// (c) the examples, as a consumer runs them.
if (exampleTests.length === 0) {
  console.log('- (c) no examples/*.test.ts to run');
} else {
  await step(`(c) npx vitest run: ${exampleTests.join(', ')}`, async () => {
    const { stdout } = await run('npx', ['vitest', 'run', '--dir', 'examples'], consumer, { env: { CI: 'true', NO_COLOR: '1' } });
    return stdout
      .replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '')
      .match(/Tests\s+(.*)/)?.[1]
      ?.trim();
  });
}

// (d) the command, installed.
await step('(d) npx edusim --help', async () => {
  const { stdout } = await run('npx', ['--no-install', 'edusim', '--help'], consumer);
  if (!stdout.includes('Usage: edusim')) throw new Error(`no usage in: ${stdout.slice(0, 200)}`);
});
await step('(d) npx edusim personas --json', async () => {
  const { stdout } = await run('npx', ['--no-install', 'edusim', 'personas', '--json'], consumer);
  const { personas } = JSON.parse(stdout);
  if (!Array.isArray(personas) || personas.length === 0) throw new Error('no personas');
  return `${personas.length} personas`;
});

finish();

function finish() {
  if (keep) console.log(`kept: ${consumer}`);
  else rmSync(work, { recursive: true, force: true });
  console.log(failures === 0 ? `package test passed (${seconds(started)})` : `package test FAILED: ${failures} step(s) (${seconds(started)})`);
  process.exit(failures === 0 ? 0 : 1);
}
