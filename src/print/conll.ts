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
import type { DocumentStream, Printer } from './index.js';
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
  const sentences = new ConllSentences();
  return [...sentences.push(body, entities), ...sentences.end()];
}

/**
 * Tags a document's tokens and groups them into sentences, a piece of the
 * document at a time (a large file is searched in chunks, cut between
 * tokens): what ends a sentence, the entity a token continues, and the white
 * space after the last token carry over from one piece to the next, so the
 * sentences are those of the whole document.
 */
export class ConllSentences {
  /** Code points of the document before the next piece: the records' offsets count from its start. */
  private base = 0;
  private sentence: ConllToken[] = [];
  private ending = false;
  private previousOwner: EntityRecord | null = null;
  /** What followed the last token so far (null before the first token). */
  private after: string | null = null;

  /** The sentences the piece `body` (UTF-8) ends, given the entities found in it. */
  push(piece: Uint8Array, entities: readonly EntityRecord[]): ConllToken[][] {
    const body = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    const t = tokenize(body);
    const sorted = [...entities].sort((a, b) => a.start - b.start || b.end - a.end);
    const sentences: ConllToken[][] = [];
    let next = 0;
    let active: EntityRecord[] = [];
    for (let i = 0; i < t.count; i++) {
      const surface = utf8Slice(body, t.start[i], t.end[i]);
      const gap = utf8Slice(body, i === 0 ? 0 : t.end[i - 1], t.start[i]);
      const between = i > 0 ? gap : this.after === null ? '' : this.after + gap;
      const broken = LINE_BREAK.test(between) || (this.ending && !CLOSING.has(surface) && between !== '');
      if (broken && this.sentence.length > 0) {
        sentences.push(this.sentence);
        this.sentence = [];
        this.previousOwner = null;
      }
      if (broken) this.ending = false;
      const start = this.base + t.cpStart[i];
      const end = this.base + t.cpEnd[i];
      while (next < sorted.length && sorted[next].start < end) active.push(sorted[next++]);
      active = active.filter((e) => e.end > start);
      // `active` keeps the sorted order: its first entry is the earliest, longest one overlapping the token.
      const owner = active.find((e) => e.start < end) ?? null;
      const tag = owner === null ? 'O' : `${owner === this.previousOwner ? 'I' : 'B'}-${owner.type}`;
      this.sentence.push({ text: surface.replace(CONTROLS, ''), tag, start, end });
      this.previousOwner = owner;
      if (SENTENCE_END.has(surface)) this.ending = true;
      else if (!CLOSING.has(surface)) this.ending = false;
    }
    if (t.count > 0) this.after = utf8Slice(body, t.end[t.count - 1], body.length);
    else if (this.after !== null) this.after += utf8Slice(body, 0, body.length);
    this.base += t.codePoints;
    return sentences;
  }

  /** The last sentence, at the end of the document. */
  end(): ConllToken[][] {
    const last = this.sentence;
    this.sentence = [];
    return last.length > 0 ? [last] : [];
  }
}

/** A comment's value on one line. */
const oneLine = (s: string): string => s.replace(/[\r\n]+/g, ' ');

/** Sentences as CoNLL lines: a token and its tag a line, a blank line after each sentence. */
const conllLines = (sentences: ConllToken[][]): string => sentences.map((s) => s.map((tok) => `${tok.text}\t${tok.tag}\n`).join('') + '\n').join('');

export class ConllPrinter implements Printer {
  constructor(private readonly sink: Sink) {}
  begin(): void {}
  document(d: DocumentResult, text: string | Uint8Array): void {
    let out = `# file: ${oneLine(d.file)}\n`;
    if (d.document !== undefined) out += `# document: ${d.document}\n`;
    if (d.id !== undefined) out += `# record: ${oneLine(recordField(d.id))}\n`;
    this.sink.write(out + conllLines(conllSentences(text, d.entities)));
  }
  /** A document read in chunks: each chunk's sentences are written as they end. */
  open(file: string): DocumentStream {
    const sentences = new ConllSentences();
    this.sink.write(`# file: ${oneLine(file)}\n`);
    return {
      add: (entities, _quotes, text) => this.sink.write(conllLines(sentences.push(text, entities))),
      close: () => this.sink.write(conllLines(sentences.end())),
    };
  }
  end(): void {}
}
