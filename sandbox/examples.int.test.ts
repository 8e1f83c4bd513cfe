import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, findPersona, ruDate } from '../seeds/index.ts';
import { startServer, type RunningServer } from './index.ts';

const run = promisify(execFile);

describe('examples/esia-curl.sh (the README’s curl dance)', () => {
  const world = createWorld({ seed: 42, scale: 'demo' });
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(world, { port: 0, host: '127.0.0.1' });
  });
  afterAll(() => server.close());

  it.each(['pupil-child-account', 'teacher-with-rights', 'parent-two-schools'])('logs %s in and reads the person with curl alone', async (handle) => {
    const script = new URL('../examples/esia-curl.sh', import.meta.url).pathname;
    const { stdout } = await run('bash', [script, server.url, handle]);
    const { person } = findPersona(world, handle);
    expect(JSON.parse(stdout)).toMatchObject({
      firstName: person.firstName,
      lastName: person.lastName,
      middleName: person.middleName,
      birthDate: ruDate(person.birthDate),
      snils: person.snils,
      gender: person.sex,
    });
  });
});
