// CoNLL: one token per line as `TOKEN<TAB>TAG`, tags in BIO with kashf's
// types (B-PER, I-ORG, O…), a blank line after each sentence, and each
// document opened by a `# file: NAME` line (then `# document: N` and
// `# record: ID` when a file is many documents). Tokens are the matcher's own
// (normalize/tokenize.ts): runs of letters and digits, every punctuation mark a
// token of its own, written as in the input (diacritics kept, bidi controls
// dropped). A token takes the tag of the entity its span overlaps, so a name
// with a proclitic (وروسيا) is tagged as a whole. Where entities overlap
// (--overlap all) the earliest, then longest, wins: BIO cannot nest.
// Sentences end at a line break, or after . ! ? ؟ … ۔ (and any closing quotes
// or brackets right after it) when white space follows.

import { utf8Slice } from '../buffers.js';
import { tokenize } from '../normalize/index.js';
import type { DocumentResult, EntityRecord } from '../types.js';
import { recordField } from './delimited.js';
import type { Printer } from './index.js';
import type { Sink } from './sink.js';

export interface ConllToken {
  text: string;
  tag: string;
  /** Code-point span in the document. */
  start: number;
  end: number;
}

const CONTROLS = /[\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069\uFEFF]/g;
const LINE_BREAK = /[\n\r\u0085\u2028\u2029]/;
const SENTENCE_END = new Set(['.', '!', '?', '؟', '…', '۔']);
const CLOSING = new Set(['”', '»', '"', "'", '’', ')', ']', '}', '›']);

/** The document's tokens with their tags, sentence by sentence. */
export function conllSentences(text: string | Uint8Array, entities: readonly EntityRecord[]): ConllToken[][] {
  let body = typeof text === 'string' ? Buffer.from(text, 'utf8') : Buffer.from(text.buffer, text.byteOffset, text.byteLength);
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) body = body.subarray(3);
  const t = tokenize(body);
  const sorted = [...entities].sort((a, b) => a.start - b.start || b.end - a.end);
  const sentences: ConllToken[][] = [];
  let sentence: ConllToken[] = [];
  let ending = false;
  let next = 0;
  let active: EntityRecord[] = [];
  let previousOwner: EntityRecord | null = null;
  for (let i = 0; i < t.count; i++) {
    const surface = utf8Slice(body, t.start[i], t.end[i]);
    const between = i === 0 ? '' : utf8Slice(body, t.end[i - 1], t.start[i]);
    const broken = LINE_BREAK.test(between) || (ending && !CLOSING.has(surface) && between !== '');
    if (broken && sentence.length > 0) {
      sentences.push(sentence);
      sentence = [];
      previousOwner = null;
    }
    if (broken) ending = false;
    const start = t.cpStart[i];
    const end = t.cpEnd[i];
    while (next < sorted.length && sorted[next].start < end) active.push(sorted[next++]);
    active = active.filter((e) => e.end > start);
    // `active` keeps the sorted order: its first entry is the earliest, longest one overlapping the token.
    const owner = active.find((e) => e.start < end) ?? null;
    const tag = owner === null ? 'O' : `${owner === previousOwner ? 'I' : 'B'}-${owner.type}`;
    sentence.push({ text: surface.replace(CONTROLS, ''), tag, start, end });
    previousOwner = owner;
    if (SENTENCE_END.has(surface)) ending = true;
    else if (!CLOSING.has(surface)) ending = false;
  }
  if (sentence.length > 0) sentences.push(sentence);
  return sentences;
}

/** A comment's value on one line. */
const oneLine = (s: string): string => s.replace(/[\r\n]+/g, ' ');

export class ConllPrinter implements Printer {
  constructor(private readonly sink: Sink) {}
  begin(): void {}
  document(d: DocumentResult, text: string | Uint8Array): void {
    let out = `# file: ${oneLine(d.file)}\n`;
    if (d.document !== undefined) out += `# document: ${d.document}\n`;
    if (d.id !== undefined) out += `# record: ${oneLine(recordField(d.id))}\n`;
    for (const s of conllSentences(text, d.entities)) {
      out += s.map((tok) => `${tok.text}\t${tok.tag}\n`).join('') + '\n';
    }
    this.sink.write(out);
  }
  end(): void {}
}
