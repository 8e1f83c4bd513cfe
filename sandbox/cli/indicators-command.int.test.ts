import { runEdusim } from './run-edusim.ts';
import { afterAll, describe, expect, it } from 'vitest';
import { createWorld } from '../../seeds/index.ts';
import { startServer } from '../index.ts';

const edusim = (args: string[]) => runEdusim(args);

const server = await startServer(createWorld({ seed: 42, scale: 'demo' }), { port: 0, host: '127.0.0.1' }, { dateChosen: true });
afterAll(() => server.close());
const created = await fetch(`${server.url}/_edusim/sandboxes`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ id: 'ind-cli', clock: { at: '2026-11-23T12:00:00+03:00', frozen: true } }),
});
if (created.status !== 201) throw new Error(await created.text());
const sb = ['--sandbox', 'ind-cli', '--url', server.url];

describe('edusim indicators', () => {
  it('prints the region row as a table with Russian labels', async () => {
    const { code, stdout, stderr } = await edusim(['indicators', ...sb]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('Воронежская область (36) на 2026-11-23, песочница ind-cli');
    expect(lines[2]?.split(/\s{2,}/)).toEqual(['Регион', 'Учеников 5–11', 'К10–14', 'К14–18', 'Доля ДУЗ', 'Оценка', 'Учителя в ЦОК', 'Ученики в ЦОК']);
    expect(lines[3]?.split(/\s{2,}/)).toEqual(['Воронежская область', '385', '120', '137', '66,8 %', 'неудовлетворительно', '0/47 (0,0 %)', '0/600 (0,0 %)']);
    expect(stdout).toContain('Цель ЦОК: не менее 80 % учителей и учеников открыли контент хотя бы раз.');
    const activity = lines.indexOf('Активность: входили в «Моя школа» за 30 дней (2026-10-25 — 2026-11-23)');
    expect(lines[activity + 1]?.split(/\s{2,}/)).toEqual(['Регион', 'Ученики', 'Родители', 'Учителя', 'Школ', 'Активных', 'Используют платформу']);
    expect(lines[activity + 2]?.split(/\s{2,}/)).toEqual([
      'Воронежская область',
      '293/600 (48,8 %)',
      '379/808 (46,9 %)',
      '45/47 (95,7 %)',
      '3',
      '3',
      '1 (33,3 %)',
    ]);
    const ranking = lines.indexOf('Рейтинг школ по активности (балл — среднее долей активных учеников и учителей):');
    expect(lines.slice(ranking + 1, ranking + 5).map((l) => l.split(/\s{2,}/))).toEqual([
      ['Место', 'Школа', 'Балл', 'Ученики', 'Учителя', 'Родители', 'Использует'],
      ['1', 'МАОУ «СОШ № 6»', '76,0 %', '51,9 %', '100,0 %', '45,8 %', 'да'],
      ['2', 'МАОУ «Гимназия № 4»', '71,1 %', '48,3 %', '93,8 %', '45,7 %', 'нет'],
      ['3', 'МКОУ «Успенская СОШ»', '68,7 %', '44,0 %', '93,3 %', '51,1 %', 'нет'],
    ]);
  });

  it('counts activity over a year with --period 365', async () => {
    const { code, stdout } = await edusim(['indicators', '--period', '365', '--json', ...sb]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { activity: { period: number; from: string }; rows: { activity: { pupils: { active: number } } }[] };
    expect([report.activity.period, report.activity.from, report.rows[0]?.activity.pupils.active]).toEqual([365, '2025-11-24', 315]);
  });

  it('answers JSON per school with --json', async () => {
    const { code, stdout } = await edusim(['indicators', '--level', 'school', '--region', '36', '--json', ...sb]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { level: string; rows: { level: string; childAccounts: { pupils: number } }[] };
    expect(report.level).toBe('school');
    expect(report.rows.length).toBeGreaterThan(1);
    expect(report.rows.reduce((s, r) => s + r.childAccounts.pupils, 0)).toBe(385);
  });

  it('names the flag behind a refused field (exit 2)', async () => {
    const level = await edusim(['indicators', '--level', 'county', ...sb]);
    expect(level.code).toBe(2);
    expect(level.stderr).toMatch(/^edusim: --level "county" is not valid: /);
    const region = await edusim(['indicators', '--region', '68', ...sb]);
    expect(region).toEqual({ code: 2, stdout: '', stderr: 'edusim: --region "68" is not valid: 68 is not in this sandbox\'s world (its regions: 36)\n' });
    const period = await edusim(['indicators', '--period', '7', ...sb]);
    expect(period).toEqual({ code: 2, stdout: '', stderr: 'edusim: --period "7" is not valid: expected 30 or 365 (days)\n' });
  });
});
