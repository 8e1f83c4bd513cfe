import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createWorld, exportWorld, type ExportFormat } from '../index.ts';

async function digest(dir: string): Promise<Record<string, string>> {
  const files = (await readdir(dir)).sort();
  const out: Record<string, string> = {};
  for (const f of files)
    out[f] = createHash('sha256')
      .update(await readFile(join(dir, f)))
      .digest('hex');
  return out;
}

describe('vendor export', () => {
  it.each<ExportFormat>(['jsonl', 'csv'])('writes byte-identical %s files on two runs', async (format) => {
    const base = await mkdtemp(join(tmpdir(), 'edusim-export-'));
    const run = (out: string) => exportWorld({ world: createWorld({ seed: 42, scale: 'demo' }), region: '36', outDir: join(base, out), format });
    const first = await run('a');
    await run('b');
    expect(await digest(join(base, 'a'))).toEqual(await digest(join(base, 'b')));
    expect(first.files).toMatchObject({ [`schools.${format}`]: 3, [`classes.${format}`]: 33, [`catalogue.${format}`]: 45_016 });
    expect(await readdir(base)).toEqual(['a', 'b']);
    if (format === 'csv') {
      const header = (await readFile(join(base, 'a', 'marks.csv'), 'utf8')).split('\n')[0];
      expect(header).toBe('id,lessonId,date,pupilId,value,weight,workType');
    }
  });

  it('refuses a folder that is not empty and leaves nothing half-written', async () => {
    const base = await mkdtemp(join(tmpdir(), 'edusim-export-'));
    const out = join(base, 'full');
    await mkdir(out);
    await writeFile(join(out, 'keep.txt'), 'mine');
    await expect(exportWorld({ world: createWorld({ seed: 1, scale: 'demo' }), region: '36', outDir: out, format: 'jsonl' })).rejects.toThrow(
      `--out "${out}" is not valid: expected a new or empty folder`,
    );
    expect(await readdir(base)).toEqual(['full']);
    expect(await readdir(out)).toEqual(['keep.txt']);
  });

  it('refuses an unknown format and a region outside the world', async () => {
    const world = createWorld({ seed: 1, scale: 'demo' });
    await expect(exportWorld({ world, region: '36', outDir: join(tmpdir(), 'never'), format: 'xml' as ExportFormat })).rejects.toThrow(
      'format "xml" is not valid: expected jsonl or csv',
    );
    await expect(exportWorld({ world, region: '77', outDir: join(tmpdir(), 'never'), format: 'csv' })).rejects.toThrow(
      'region "77" is not valid: expected a region of this world: 36',
    );
  });
});
