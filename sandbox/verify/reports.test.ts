import { ESIA_CLIENT_CHECKS } from './esia-client/catalogue.ts';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DIARY_CHECK_IDS, DIARY_CHECKS } from './catalogue.ts';
import { evidenceOf } from './evidence.ts';
import { judged, notSetUp } from './judge.ts';
import { htmlReport } from './report-html.ts';
import { junitReport } from './report-junit.ts';
import { describeReport } from './report-text.ts';
import { countStatuses, type VerifyReport } from './verdict.ts';

const root = new URL('../../', import.meta.url);
/** GitHub's heading anchors: lower case, punctuation but `_` and `-` dropped, spaces as dashes. */
const anchorsOf = (markdown: string) =>
  markdown
    .split('\n')
    .filter((line) => /^#+ /.test(line))
    .map((line) =>
      line
        .replace(/^#+ /, '')
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, '')
        .replace(/\s/g, '-'),
    );

function report(checks: VerifyReport['checks']): VerifyReport {
  return {
    profile: 'diary',
    target: 'http://vendor.test/api',
    region: '68',
    world: { seed: 42, scale: 'demo', date: '2026-11-23' },
    startedAt: '2026-11-23T09:00:00.000Z',
    durationMs: 1500,
    checks,
    load: null,
    counts: countStatuses(checks),
  };
}

const hostile = judged('contract.shape', {
  status: 'failed',
  summary: 'Не по контракту ответов: 1 из 1',
  problems: ['ученик, неделя: school[0].name: expected a string, got "<script>alert(1)</script>"'],
});
const sample = report([
  judged('token.issued', { status: 'pass', summary: 'Маркер выдан (expires_in 3600 с)' }),
  hostile,
  notSetUp('load.latency', 'маркер не получен (см. token.issued)'),
]);

describe('the checks’ requirements', () => {
  it('link to anchors that exist in docs/', () => {
    for (const [id, { requirement }] of Object.entries({ ...DIARY_CHECKS, ...ESIA_CLIENT_CHECKS })) {
      const [file = '', anchor = ''] = requirement.split('#');
      expect(anchorsOf(readFileSync(new URL(file, root), 'utf8')), `${id} → ${requirement}`).toContain(anchor);
    }
  });

  it('are each listed in docs/verify.md', () => {
    const page = readFileSync(new URL('docs/verify.md', root), 'utf8');
    expect(DIARY_CHECK_IDS.filter((id) => !new RegExp(`^\\| \`${id.replace('.', '\\.')}\` +\\|`, 'm').test(page))).toEqual([]);
  });
});

describe('the report’s forms', () => {
  it('masks the secret, the bearer token and people’s names in evidence', () => {
    expect(
      evidenceOf({
        label: 'родитель двоих детей, неделя',
        method: 'GET',
        url: 'http://vendor.test/api/Schedule/1000000042?start=2026-11-16&end=2026-11-22',
        headers: { Authorization: 'Bearer abcdef' },
        status: 200,
        text: '',
        json: { school: [{ class: [{ student: { oid: 1000000043, name: 'Иванова Анна Сергеевна' } }] }] },
        latencyMs: 12,
      }),
    ).toEqual({
      label: 'родитель двоих детей, неделя',
      request: 'GET http://vendor.test/api/Schedule/1000000042?start=2026-11-16&end=2026-11-22\nAuthorization: Bearer ***',
      status: 200,
      response: '{"school":[{"class":[{"student":{"oid":1000000043,"name":"И*** А*** С***"}}]}]}',
      latencyMs: 12,
    });
  });

  it('reads in a terminal: one line per check, the details of what did not pass, the totals', () => {
    expect(describeReport(sample).split('\n')).toEqual([
      'edusim verify diary — http://vendor.test/api, регион 68 (мир: seed 42, demo, 2026-11-23)',
      '',
      '  ✓ token.issued    Маркер по client_credentials выдаётся: Маркер выдан (expires_in 3600 с)',
      '  ✗ contract.shape  Ответ Schedule по контракту: поля и типы: Не по контракту ответов: 1 из 1',
      '      ученик, неделя: school[0].name: expected a string, got "<script>alert(1)</script>"',
      `      Как исправить: ${DIARY_CHECKS['contract.shape'].fix}`,
      '      Требование: docs/diary-contract.md#schedule-mocksdiarycontractts',
      '  – load.latency    Задержка под нагрузкой (p95 в пределах бюджета): Не выполнена: маркер не получен (см. token.issued)',
      '      Подготовка не удалась: маркер не получен (см. token.issued)',
      `      Как исправить: ${DIARY_CHECKS['load.latency'].fix}`,
      '      Требование: docs/verify.md#under-load',
      '',
      'Итого: пройдено 1, предупреждений 0, не пройдено 1, пропущено 1 — за 1,5 с',
    ]);
  });

  it('gives CI a failure for a failed check and an error for one not set up', () => {
    const xml = junitReport(sample);
    expect(xml).toContain('<testsuites name="edusim verify diary" tests="3" failures="1" errors="1" skipped="0" time="1.500">');
    expect(xml).toContain('<failure type="failed" message="Не по контракту ответов: 1 из 1">');
    expect(xml).toContain('<error type="setup" message="Не выполнена: маркер не получен (см. token.issued)">');
    expect(xml).toContain('got &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;');
  });

  it('makes one HTML page that escapes what a diary sent and fetches nothing', () => {
    const page = htmlReport(sample);
    expect(page).toContain('got &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;');
    expect(page).not.toContain('<script');
    expect(page.match(/(src|href)="[^"]*"/g)).toBeNull();
    expect(page).toContain('<section class="failed" id="contract.shape">');
  });
});
