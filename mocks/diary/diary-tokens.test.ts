/** Issue 8, item 8: a diary's client-credentials tokens expire on the diary's clock and are capped. */
import { describe, expect, it } from 'vitest';
import { createWorld } from '../../seeds/index.ts';
import type { SimRequest, SimResponse } from '../http/sim-http.ts';
import { DEFAULT_DIARY_CLIENT, MAX_DIARY_TOKENS, RegionalDiary, TOKEN_SECONDS } from './regional-diary.ts';

const world = createWorld({ seed: 42, scale: 'demo' });

function setup() {
  // Far from the machine's time, so an expiry that followed Date.now would show.
  let nowMs = Date.parse('2031-03-02T07:00:00Z');
  const diary = new RegionalDiary(world, '36', () => new Date(nowMs), undefined, undefined, 'sb1');
  const request = (method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<SimResponse> => {
    const url = new URL(`http://diary.test/diary/36${path}`);
    const simRequest: SimRequest = {
      method,
      path: url.pathname.slice('/diary/36'.length),
      query: url.searchParams,
      headers,
      body,
      baseUrl: 'http://diary.test/diary/36',
    };
    return diary.handle(simRequest);
  };
  const token = async () => {
    const response = await request(
      'POST',
      '/token',
      `grant_type=client_credentials&client_id=${DEFAULT_DIARY_CLIENT.clientId}&client_secret=${DEFAULT_DIARY_CLIENT.clientSecret}`,
      { 'content-type': 'application/x-www-form-urlencoded' },
    );
    expect(response.status).toBe(200);
    return (JSON.parse(response.body) as { access_token: string }).access_token;
  };
  /** The status a Schedule call gets with the token: 401 refused; 404 (no such person) means the token passed. */
  const use = async (t: string) => (await request('GET', '/Schedule/1?start=2026-11-16&end=2026-11-22', undefined, { authorization: `Bearer ${t}` })).status;
  return { diary, token, use, advance: (ms: number) => void (nowMs += ms) };
}

describe('diary client-credentials tokens', () => {
  it(`keeps at most ${MAX_DIARY_TOKENS} tokens, forgetting the oldest first`, async () => {
    expect(MAX_DIARY_TOKENS).toBe(10_000);
    const { diary, token, use } = setup();
    const issued: string[] = [];
    for (let i = 0; i < MAX_DIARY_TOKENS + 5; i++) issued.push(await token());
    expect(diary.tokenCount).toBe(MAX_DIARY_TOKENS);
    for (const old of issued.slice(0, 5)) expect(await use(old)).toBe(401);
    expect(await use(issued[5] ?? '')).toBe(404);
    expect(await use(issued.at(-1) ?? '')).toBe(404);
  });

  it('refuses a token once TOKEN_SECONDS have passed on the diary’s clock, and forgets it', async () => {
    const { diary, token, use, advance } = setup();
    const t = await token();
    advance(TOKEN_SECONDS * 1000 - 1);
    expect(await use(t)).toBe(404);
    advance(1);
    expect(await use(t)).toBe(401);
    expect(diary.tokenCount).toBe(0);
  });

  it('sweeps expired tokens as new ones are issued', async () => {
    const { diary, token, advance } = setup();
    for (let i = 0; i < 100; i++) await token();
    expect(diary.tokenCount).toBe(100);
    advance(TOKEN_SECONDS * 1000);
    await token();
    expect(diary.tokenCount).toBe(1);
  });

  it('sweeps expired tokens even when they were issued out of order (the clock moved back)', async () => {
    const { diary, token, advance } = setup();
    advance(10 * 60_000);
    await token();
    advance(-10 * 60_000);
    for (let i = 0; i < MAX_DIARY_TOKENS - 1; i++) await token();
    advance(TOKEN_SECONDS * 1000 + 5 * 60_000);
    // The first token is still alive (issued later on the clock); all the others have expired.
    await token();
    expect(diary.tokenCount).toBe(2);
  });

  it('forgets every token on reset', async () => {
    const { diary, token, use } = setup();
    const t = await token();
    diary.reset();
    expect(diary.tokenCount).toBe(0);
    expect(await use(t)).toBe(401);
  });
});
