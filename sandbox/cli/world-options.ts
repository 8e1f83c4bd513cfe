/** Parsing of the world flags shared by every command (--scale, --seed, --region, --date). */
import type { Command } from 'commander';
import { createWorld, DEFAULT_DATE, DEFAULT_REGION, SCALES, type Scale, type World } from '../../seeds/index.ts';
import { CliUsageError } from './errors.ts';

export interface WorldFlags {
  scale: string;
  seed: string;
  region?: string;
  date: string;
}

export function addWorldFlags(command: Command, defaultScale: Scale = 'demo'): Command {
  return command
    .option('--scale <scale>', `world size: ${SCALES.join(' | ')}`, defaultScale)
    .option('--seed <n>', 'non-negative integer; the same seed gives the same world', '42')
    .option('--region <code>', `region code for demo/region scales (default ${DEFAULT_REGION})`)
    .option('--date <yyyy-mm-dd>', "the world's today: ages, marks to date", DEFAULT_DATE);
}

export function parseSeed(text: string): number {
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new CliUsageError(`--seed ${JSON.stringify(text)} is not valid: expected a non-negative integer (0 … 9007199254740991)`);
  }
  return Number(text);
}

export function worldFrom(flags: WorldFlags): World {
  if (!(SCALES as readonly string[]).includes(flags.scale)) {
    throw new CliUsageError(`--scale ${JSON.stringify(flags.scale)} is not valid: expected one of ${SCALES.join(', ')}`);
  }
  return createWorld({ seed: parseSeed(flags.seed), scale: flags.scale as Scale, ...(flags.region ? { region: flags.region } : {}), asOf: flags.date });
}
