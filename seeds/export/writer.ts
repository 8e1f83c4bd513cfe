/**
 * Buffered row writer for JSON Lines or CSV. Rows are appended to a string and written with
 * synchronous `fs.writeSync` in 16 KiB chunks (small, so the rope of pending rows stays small for the young-generation GC): an export is a batch job, and writing strings
 * straight to the file descriptor avoids a Buffer per chunk (which made the garbage collector
 * the main cost of a region export).
 */
import { closeSync, openSync, writeSync } from 'node:fs';

export type ExportFormat = 'jsonl' | 'csv';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['jsonl', 'csv'];
const FLUSH_AT = 1 << 14;
// eslint-disable-next-line no-control-regex -- JSON must escape control characters
const NEEDS_ESCAPE = /["\\\u0000-\u001f]/;

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function jsonValue(value: unknown): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'string') return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`;
  if (value === undefined) return 'null';
  return JSON.stringify(value);
}

export class RowWriter {
  readonly #fd: number;
  readonly #keys: readonly string[];
  #buffer = '';
  #closed = false;
  rows = 0;

  constructor(
    path: string,
    readonly format: ExportFormat,
    readonly columns: readonly string[],
  ) {
    this.#fd = openSync(path, 'wx');
    this.#keys = columns.map((c, i) => `${i === 0 ? '{' : ','}${JSON.stringify(c)}:`);
    if (format === 'csv') this.#buffer = `${columns.join(',')}\n`;
  }

  /** One row, values in column order. */
  writeValues(values: readonly unknown[]): void {
    let line = '';
    if (this.format === 'jsonl') {
      for (let i = 0; i < this.#keys.length; i++) line += this.#keys[i] + jsonValue(values[i]);
      line += '}\n';
    } else {
      for (let i = 0; i < this.columns.length; i++) line += (i === 0 ? '' : ',') + csvCell(values[i]);
      line += '\n';
    }
    this.#append(line);
  }

  /**
   * Hot path for values known to need no escaping (ids, dates, numbers, fixed vocabulary):
   * strings are quoted as they are.
   */
  writeTrusted(values: readonly (string | number)[]): void {
    let line = '';
    if (this.format === 'jsonl') {
      for (let i = 0; i < this.#keys.length; i++) {
        const v = values[i];
        const key = this.#keys[i] ?? '';
        line += typeof v === 'number' ? key + v : `${key}"${v}"`;
      }
      line += '}\n';
    } else {
      line = `${values.join(',')}\n`;
    }
    this.#append(line);
  }

  write(row: Readonly<Record<string, unknown>>): void {
    this.writeValues(this.columns.map((c) => row[c]));
  }

  #append(line: string): void {
    this.#buffer += line;
    this.rows++;
    if (this.#buffer.length >= FLUSH_AT) this.#flush();
  }

  #flush(): void {
    if (this.#buffer.length === 0) return;
    writeSync(this.#fd, this.#buffer);
    this.#buffer = '';
  }

  /** Lets other work run between batches (the writes themselves are synchronous). */
  async drain(): Promise<void> {
    await Promise.resolve();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.#flush();
    } finally {
      closeSync(this.#fd);
    }
  }
}
