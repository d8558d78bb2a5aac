// The output contract: the records kashf reports. Scripts depend on these
// fields; see "Output contract" in README.md. Offsets are Unicode code points
// into the input as decoded (BOM removed), end exclusive.

import type { EntityType } from './gazetteer/types.js';

/** Bumped on any incompatible change to the records below. */
export const SCHEMA_VERSION = 1;

export interface EntityRecord {
  /** The exact original substring (proclitics excluded). */
  text: string;
  type: EntityType;
  id: string;
  canonical: string;
  start: number;
  end: number;
  /** 1-based line and column (code points) of `start`. */
  line: number;
  column: number;
  /** With --context N: N code points of original text either side. */
  context?: { before: string; after: string };
  /** How the mention was found. Today always "gazetteer". */
  source: 'gazetteer';
}

export interface SpeakerRecord {
  text: string;
  start: number;
  end: number;
  /** Present when the speaker is a dictionary entity. */
  id?: string;
  canonical?: string;
  /** For a role with no name (المتحدثة باسم الخارجية الأمريكية): the organisation it speaks for. */
  org?: { id: string; canonical: string };
}

export interface QuoteRecord {
  /** The text between the marks, original. */
  text: string;
  start: number;
  end: number;
  /** 1-based line and column (code points) of `start`. */
  line: number;
  column: number;
  /** With --context N: N code points of original text either side. */
  context?: { before: string; after: string };
  /** "direct": between quotation marks; "indirect": reported speech after أن/إن. */
  kind: 'direct' | 'indirect';
  /** The reporting verb or phrase as written (proclitics و/ف excluded), or null. */
  cue: string | null;
  speaker: SpeakerRecord | null;
  /** The outlet the words came through: «نقلت وكالة تاس عن X قوله» → the agency. */
  via?: SpeakerRecord;
  /** Quotations inside this one («… "…" …»). */
  nested?: QuoteRecord[];
  /** Present (true) when the closing mark is missing: the quotation is capped at its paragraph. */
  unclosed?: true;
}

export interface DocumentResult {
  /** The input as given on the command line; "-" for stdin. */
  file: string;
  /** With --input jsonl: the record's id field, as it was. */
  id?: unknown;
  /** With --split or --input jsonl: the document's index in its file, from 0. */
  document?: number;
  entities: EntityRecord[];
  quotes: QuoteRecord[];
}
