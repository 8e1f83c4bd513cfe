/** Buffered line writer with back-pressure, for JSON Lines or CSV. */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

export type ExportFormat = 'jsonl' | 'csv';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['jsonl', 'csv'];
const FLUSH_AT = 1 << 20;

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export class RowWriter {
  readonly #stream: WriteStream;
  #buffer = '';
  rows = 0;

  constructor(
    path: string,
    readonly format: ExportFormat,
    readonly columns: readonly string[],
  ) {
    this.#stream = createWriteStream(path, { flags: 'wx' });
    if (format === 'csv') this.#buffer = `${columns.join(',')}\n`;
  }

  async write(row: Record<string, unknown>): Promise<void> {
    this.#buffer += this.format === 'jsonl' ? `${JSON.stringify(row)}\n` : `${this.columns.map((c) => csvCell(row[c])).join(',')}\n`;
    this.rows++;
    if (this.#buffer.length >= FLUSH_AT) await this.#flush();
  }

  async #flush(): Promise<void> {
    const chunk = this.#buffer;
    this.#buffer = '';
    if (!this.#stream.write(chunk)) await once(this.#stream, 'drain');
  }

  async close(): Promise<void> {
    await this.#flush();
    await new Promise<void>((resolve, reject) => {
      this.#stream.once('error', reject);
      this.#stream.end(() => resolve());
    });
  }
}
