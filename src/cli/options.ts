// Raw command-line flags become one validated Options object, with every
// default applied here and nowhere else.

import { availableParallelism } from 'node:os';
import type { ChalkInstance } from 'chalk';
import { KashfError } from '../errors.js';
import { INPUT_FORMATS, SPLITS, type InputFormat, type Split } from './documents.js';
import { CHUNK_BYTES, STREAM_THRESHOLD } from './stream.js';
import { OVERLAP_POLICIES, type OverlapPolicy } from '../match/gazetteer.js';
import { BIDI_SETTINGS, resolveBidi, type BidiMode, type BidiSetting } from '../print/bidi-mode.js';
import { FORMATS, type Format } from '../print/formats.js';
import type { QuoteMode } from '../search/index.js';

export const QUOTE_MODES: readonly QuoteMode[] = ['all', 'direct', 'none'];
export const COLOR_SETTINGS = ['auto', 'always', 'never'] as const;
export type ColorSetting = (typeof COLOR_SETTINGS)[number];

/** What the process looks like to the CLI; tests pass their own. */
export interface Environment {
  env: Record<string, string | undefined>;
  stdoutIsTTY: boolean;
  columns: number | undefined;
}

export interface RawExtractFlags {
  format?: string;
  dict?: string[];
  builtin?: boolean;
  quotes?: string;
  overlap?: string;
  bidi?: string;
  color?: string;
  context?: string;
  stats?: boolean;
  output?: string;
  jobs?: string;
  split?: string;
  input?: string;
  idField?: string;
  textField?: string;
  chunkSize?: string;
}

export interface ExtractOptions {
  paths: string[];
  format: Format;
  dictionaries: string[];
  builtin: boolean;
  quotes: QuoteMode;
  overlap: OverlapPolicy;
  bidi: BidiMode;
  /** Loads chalk at the colour level resolved here (only the table needs it). */
  chalk: () => Promise<ChalkInstance>;
  width: number;
  context: number;
  stats: boolean;
  output: string | undefined;
  jobs: number;
  /** --jobs was given (else jobs is the number of cores). */
  jobsGiven: boolean;
  split: Split;
  input: InputFormat;
  idField: string;
  textField: string;
  /** Files above this many bytes are read in chunks of this size. */
  streamAbove: number;
  chunkBytes: number;
}

function count(flag: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new KashfError('USAGE', `${flag} "${value}" is not a whole number ≥ ${min}`);
  return n;
}

function choice<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new KashfError('USAGE', `${flag} "${value}" is not one of ${allowed.join(', ')}`);
}

export function resolveColorLevel(setting: ColorSetting, env: Environment): 0 | 1 | 2 | 3 {
  if (setting === 'never') return 0;
  if (setting === 'always') return 1;
  // NO_COLOR (https://no-color.org) wins over auto-detection; FORCE_COLOR forces it on.
  const force = env.env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '0' || force === 'false') return 0;
    return force === '2' ? 2 : force === '3' ? 3 : 1;
  }
  if (env.env.NO_COLOR !== undefined && env.env.NO_COLOR !== '') return 0;
  return env.stdoutIsTTY && env.env.TERM !== 'dumb' ? 1 : 0;
}

export function resolveExtract(paths: string[], raw: RawExtractFlags, env: Environment): ExtractOptions {
  const format = choice('--format', raw.format, FORMATS, env.stdoutIsTTY ? 'table' : 'json');
  const color = choice('--color', raw.color, COLOR_SETTINGS, 'auto');
  const bidiSetting = choice<BidiSetting>('--bidi', raw.bidi ?? env.env.KASHF_BIDI, BIDI_SETTINGS, 'auto');
  return {
    paths,
    format,
    dictionaries: raw.dict ?? [],
    builtin: raw.builtin !== false,
    quotes: choice('--quotes', raw.quotes, QUOTE_MODES, 'all'),
    overlap: choice('--overlap', raw.overlap, OVERLAP_POLICIES, 'leftmost-longest'),
    bidi: resolveBidi(bidiSetting, env.env),
    chalk: async () => {
      const { Chalk } = await import('chalk');
      return new Chalk({ level: resolveColorLevel(color, env) });
    },
    width: env.columns !== undefined && env.columns > 0 ? env.columns : 100,
    context: count('--context', raw.context, 0, 0),
    stats: raw.stats === true,
    output: raw.output,
    jobs: count('--jobs', raw.jobs, availableParallelism(), 1),
    jobsGiven: raw.jobs !== undefined,
    split: choice('--split', raw.split, SPLITS, 'none'),
    input: choice('--input', raw.input, INPUT_FORMATS, 'text'),
    idField: raw.idField ?? 'id',
    textField: raw.textField ?? 'text',
    // --chunk-size lowers both, so that streaming can be seen on small files.
    streamAbove: raw.chunkSize === undefined ? STREAM_THRESHOLD : count('--chunk-size', raw.chunkSize, CHUNK_BYTES, 1024),
    chunkBytes: count('--chunk-size', raw.chunkSize, CHUNK_BYTES, 1024),
  };
}
