// Turns the entity mentions of NER-annotated sentences (CoNLL/BIO, read by
// eval/conll.ts) into a kashf dictionary: one entry per surface and type.
// It writes text and counts; reading the corpus and writing the file are the
// CLI's.
//
// Surfaces are grouped as the matcher compares them (folded), so spellings
// that differ only in hamza, ى/ة or diacritics make one entry, named after
// the spelling the corpus uses most. Left out: MISC and other types kashf
// does not have, surfaces tagged with two of PER/ORG/LOC (the corpus itself
// cannot decide), surfaces of one or two letters, common words (lint.ts), and
// surfaces that start with a symbol (nothing to match).

import { foldString } from '../normalize/index.js';
import type { Sentence } from '../eval/conll.js';
import { aliasTokens } from './compile.js';
import { COMMON_WORDS } from './lint.js';
import { ENTITY_TYPES, type EntityType } from './types.js';

export interface HarvestSource {
  /** As named in the header comment. */
  file: string;
  sentences: readonly Sentence[];
}

export interface HarvestOptions {
  /** Keep a surface only if the corpus tags it at least this often (default 1). */
  minCount?: number;
  /** Ids are `<prefix>-<type>-<n>` (default "harvest"). */
  idPrefix?: string;
}

export interface HarvestResult {
  /** The dictionary, in kashf's five-column format. */
  text: string;
  entries: number;
  byType: Record<EntityType, number>;
  /** PER/ORG/LOC mentions read. */
  mentions: number;
  /** Distinct (folded) surfaces left out, by reason. */
  skipped: { conflicting: number; short: number; common: number; symbol: number; rare: number };
}

interface Surface {
  types: Map<EntityType, number>;
  spellings: Map<string, number>;
}

const COMMON = new Set(COMMON_WORDS.map(foldString));
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const TYPE_ORDER = [...ENTITY_TYPES].sort(cmp);

export function harvest(sources: readonly HarvestSource[], options: HarvestOptions = {}): HarvestResult {
  const minCount = options.minCount ?? 1;
  const prefix = options.idPrefix ?? 'harvest';
  const surfaces = new Map<string, Surface>();
  let mentions = 0;
  for (const src of sources) {
    for (const s of src.sentences) {
      for (const g of s.spans) {
        if (!(ENTITY_TYPES as readonly string[]).includes(g.type)) continue;
        const type = g.type as EntityType;
        const spelling = s.tokens.slice(g.start, g.end).join(' ');
        const key = foldString(spelling);
        mentions++;
        let f = surfaces.get(key);
        if (f === undefined) surfaces.set(key, (f = { types: new Map(), spellings: new Map() }));
        f.types.set(type, (f.types.get(type) ?? 0) + 1);
        f.spellings.set(spelling, (f.spellings.get(spelling) ?? 0) + 1);
      }
    }
  }

  const skipped = { conflicting: 0, short: 0, common: 0, symbol: 0, rare: 0 };
  const kept: { type: EntityType; canonical: string }[] = [];
  for (const [key, f] of surfaces) {
    if (f.types.size > 1) {
      skipped.conflicting++;
      continue;
    }
    if (key.replace(/\s/g, '').length <= 2) {
      skipped.short++;
      continue;
    }
    if (COMMON.has(key)) {
      skipped.common++;
      continue;
    }
    // The most frequent spelling; on a tie, the first in code-point order.
    const [canonical] = [...f.spellings].sort((a, b) => b[1] - a[1] || cmp(a[0], b[0]))[0];
    if (aliasTokens(canonical) === null) {
      skipped.symbol++;
      continue;
    }
    const [[type, n]] = f.types;
    if (n < minCount) {
      skipped.rare++;
      continue;
    }
    kept.push({ type, canonical });
  }

  kept.sort((a, b) => TYPE_ORDER.indexOf(a.type) - TYPE_ORDER.indexOf(b.type) || cmp(a.canonical, b.canonical));
  const byType: Record<EntityType, number> = { PER: 0, ORG: 0, LOC: 0 };
  const lines = [
    `# Harvested by \`kashf dict harvest\` from: ${sources.map((s) => s.file).join(', ')}`,
    '# One entry per entity surface and type as the corpus tags it (surfaces folded as kashf',
    '# folds them; canonical = the most frequent spelling). Left out: MISC, surfaces tagged with',
    `# two types, of one or two letters, common words${minCount > 1 ? `, seen fewer than ${minCount} times` : ''}.`,
    '# Review before use: a corpus tag says what a word was in one sentence, not what it always is.',
    '# id\ttype\tcanonical\tenglish\taliases',
  ];
  for (const k of kept) {
    const n = ++byType[k.type];
    lines.push(`${prefix}-${k.type.toLowerCase()}-${n}\t${k.type}\t${k.canonical}\t\t`);
  }
  return { text: lines.join('\n') + '\n', entries: kept.length, byType, mentions, skipped };
}
