// The compiled form of the gazetteers: a trie over folded word tokens. Each
// edge is one word (and whether it is glued to the previous one, as in
// أوبك+); a node that ends an alias lists the entries that alias names.
//
// Everything a lookup touches lives in typed arrays: the vocabulary is an
// open-addressing table over the words' code units, keyed by a hash the
// matcher computes from the text without making a string, and the edges are a
// second table keyed by (node, word). A lookup costs a hash and a probe or two
// whatever the dictionary's size, which keeps the garbage collector out of
// the hot loop. The tables serialise as they are, so the built-in
// dictionaries load at start-up without a single insertion.
//
// With a large dictionary the tables outgrow the processor's caches (a
// 100,000-entry dictionary has 175,000 words and 220,000 nodes), and a word
// found in the text cost a cache miss per array it read: the vocabulary slot,
// the word's start, its characters, its child of the root, the node's flags
// and ends. So what one step reads sits together: a vocabulary slot holds the
// word's hash, id, where its characters start and its child of the root; the
// characters end in a 0, so no length need be looked up; an edge slot holds
// node, label and child; a node's flags and ends are one number. Matching
// alone over 10 MB of news with 100,000 entries, tokens made beforehand (best
// of 20 runs, in six processes each): 58–89 ms before, 55–64 ms after. And a
// node with a single child (most nodes below the root) keeps that child and
// where its word's characters start, so the text's next word is compared in
// place, with no vocabulary or edge lookup: 42–47 ms before, 38–42 after.

import { hashString } from '../normalize/index.js';

/** Words are numbered below 2^29 (edge labels are word * 2 + glued). */
const MAX_WORDS = 2 ** 29;
/** Numbers per vocabulary slot: hash, word + 1 (0: empty), start of its characters, its child of the root (-1: none). */
const VOCAB = 4;
/** Numbers per edge slot: node, label, child (0: empty slot), and one unused, so that slots never straddle a cache line. */
const EDGE = 4;
/** Bit 0 of a node's info: the node has children. The rest (info >> 1) is its end code. */
const INNER = 1;
/**
 * Numbers per node: its info; then, when it has exactly one child (most
 * nodes below the root: names rarely branch after their first word), that
 * child, where the child's word's characters start, and 1 if its edge is
 * glued, so that going on from the node costs one comparison in memory
 * already read, not a vocabulary lookup and an edge lookup. The child is 0
 * (the root, never a child) when the node has none or several.
 */
const NODE = 4;

export interface AliasToken {
  text: string;
  /** No white space between this word and the previous one. */
  glued: boolean;
}

/** The end code of a node where exactly one entry ends (see Trie.nodeData). */
const endCodeOf = (entry: number, ambiguous: number): number => entry * 2 + ambiguous + 1;
/** The entry of a positive end code. */
export const endEntry = (code: number): number => (code - 1) >> 1;
/** 1 when the one alias ending at a positive end code is ambiguous, else 0. */
export const endAmbiguous = (code: number): number => (code - 1) & 1;

/** Spreads a hash's bits over a table index (murmur3's finaliser). */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** The trie's arrays, as the build stores them (base64 of little-endian typed arrays). */
export interface SerializedTrie {
  format: 6;
  words: number;
  nodes: number;
  edges: number;
  /** Code units of every word, each word followed by a 0 (Uint16). */
  chars: string;
  /** Int32 arrays. */
  wordStart: string;
  wordHash: string;
  rootChild: string;
  /** The edge table as it is (Int32, EDGE numbers a slot). */
  edgeTable: string;
  /** Int32, NODE numbers per node: see Trie.nodeData. */
  nodeData: string;
  /** Nodes where several entries end: triples of node, entry index, 1 when the alias is ambiguous. */
  multiEnds: number[];
}

export class Trie {
  // Vocabulary: word w is chars[wordStart[w], wordStart[w + 1] - 1), then a 0.
  private chars = new Uint16Array(1024);
  private charCount = 0;
  private wordStart = new Int32Array(257);
  private wordHash = new Int32Array(256);
  private words = 0;
  /**
   * Open addressing, linear probing, VOCAB numbers a slot. The hash sits
   * beside the id so that a probe for a word the dictionaries lack costs one
   * memory access, and the start and root child so that a word found costs
   * one more (its characters).
   */
  private vocab = new Int32Array(256 * VOCAB);
  /**
   * One bit per vocabulary slot × 8, set from each word's hash: most text
   * words are in no alias, and this (an eighth of the table's size, so it
   * stays in cache) turns nearly all of them away without touching the table.
   */
  private filter = new Int32Array(128);
  private filterShift = 32 - 12;
  /** The child of the root along each word (-1: none); the root's edges are never glued. Copied into the word's vocabulary slot. */
  private rootChild = new Int32Array(256).fill(-1);

  // Edges below the root: open addressing over (node, label), EDGE numbers a slot; child 0 marks an empty slot (0 is the root, never a child).
  private edgeTable = new Int32Array(512 * EDGE);
  private edgeCount = 0;

  private nodes = 1;
  /**
   * NODE numbers per node. The first, its info: (end code << 1) | INNER when
   * it has children. The end code is 0 when no alias ends at the node,
   * (entry * 2 + ambiguous) + 1 when exactly one does (nearly always), -1
   * when several do, listed in `multiEnds`. One typed read on the hot path,
   * and nothing to build at start-up. Then its only child, if so (see NODE).
   */
  private nodeData = new Int32Array(64 * NODE);
  /** Nodes with code -1 → flat [entry, ambiguous, entry, ambiguous, …] in insertion order. */
  private readonly multiEnds = new Map<number, number[]>();

  /**
   * The id of the word `pre` + codes[from, to) whose hash is `h` (see
   * normalize/tokenize.ts: hashString, hashPrepend), or -1 if no alias contains it.
   */
  find(h: number, codes: ArrayLike<number>, from: number, to: number, pre = ''): number {
    const slot = this.slotOf(h, codes, from, to, pre);
    return slot < 0 ? -1 : this.vocab[slot + 1] - 1;
  }

  /** The child of the root along the word find() would find (-1 when none): where a name starts. */
  start(h: number, codes: ArrayLike<number>, from: number, to: number, pre = ''): number {
    const slot = this.slotOf(h, codes, from, to, pre);
    return slot < 0 ? -1 : this.vocab[slot + 3];
  }

  /** The vocabulary slot (its first number's index) of a word, or -1. Code units are never 0: a word's 0 ends it. */
  private slotOf(h: number, codes: ArrayLike<number>, from: number, to: number, pre: string): number {
    const f = Math.imul(h, 0x9e3779b1) >>> this.filterShift;
    if ((this.filter[f >>> 5] & (1 << (f & 31))) === 0) return -1;
    const { vocab, chars } = this;
    const p = pre.length;
    const mask = vocab.length / VOCAB - 1;
    for (let slot = mix(h) & mask; ; slot = (slot + 1) & mask) {
      const s = slot * VOCAB;
      if (vocab[s + 1] === 0) return -1;
      if (vocab[s] !== h) continue;
      // A shorter word stops the comparison at its 0; a longer one fails the last test.
      const at = vocab[s + 2];
      let i = 0;
      while (i < p && chars[at + i] === pre.charCodeAt(i)) i++;
      if (i < p) continue;
      const shift = at + p - from;
      let j = from;
      while (j < to && chars[shift + j] === codes[j]) j++;
      if (j === to && chars[shift + to] === 0) return s;
    }
  }

  /** The id of a folded word, or -1 if no alias contains it. */
  word(text: string): number {
    return this.find(hashString(text), unitsOf(text), 0, text.length);
  }

  /**
   * The child of `node` (not the root) along the word codes[from, to) whose
   * hash is `h`, glued to the previous word or not; -1 if none. What the
   * matcher asks to go on from a name's first word.
   */
  next(node: number, h: number, codes: ArrayLike<number>, from: number, to: number, glued: boolean): number {
    const data = this.nodeData;
    const d = node * NODE;
    if (d >= data.length || (data[d] & INNER) === 0) return -1;
    const only = data[d + 1];
    if (only === 0) {
      const w = this.find(h, codes, from, to);
      return w < 0 ? -1 : this.child(node, w, glued);
    }
    if (data[d + 3] !== (glued ? 1 : 0)) return -1;
    const chars = this.chars;
    const shift = data[d + 2] - from;
    let j = from;
    while (j < to && chars[shift + j] === codes[j]) j++;
    return j === to && chars[shift + to] === 0 ? only : -1;
  }

  /** The child of `node` along `word`, or -1. */
  child(node: number, word: number, glued: boolean): number {
    if (node === 0) return glued || word < 0 ? -1 : this.rootChild[word];
    const label = word * 2 + (glued ? 1 : 0);
    const table = this.edgeTable;
    const mask = table.length / EDGE - 1;
    for (let slot = mix(Math.imul(node, 0x9e3779b1) ^ label) & mask; ; slot = (slot + 1) & mask) {
      const s = slot * EDGE;
      const c = table[s + 2];
      if (c === 0) return -1;
      if (table[s] === node && table[s + 1] === label) return c;
    }
  }

  /** See nodeData. */
  endCode(node: number): number {
    return node * NODE < this.nodeData.length ? this.nodeData[node * NODE] >> 1 : 0;
  }

  /** Entries ending at `node`, as [entry, ambiguous, …], or undefined. */
  ends(node: number): readonly number[] | undefined {
    const code = this.endCode(node);
    if (code === 0) return undefined;
    return code > 0 ? [endEntry(code), endAmbiguous(code)] : this.multiEnds.get(node);
  }

  insert(tokens: readonly AliasToken[], entry: number, ambiguous: boolean): void {
    let node = 0;
    tokens.forEach((t, i) => {
      const w = this.addWord(t.text);
      // The first word's gap is whatever precedes the name in the text.
      const glued = i > 0 && t.glued;
      let next = this.child(node, w, glued);
      if (next < 0) {
        next = this.nodes++;
        this.addEdge(node, w, glued, next);
        this.markInner(node);
      }
      node = next;
    });
    this.addEnd(node, entry, ambiguous ? 1 : 0);
  }

  private setEndCode(node: number, code: number): void {
    this.room(node);
    const d = node * NODE;
    this.nodeData[d] = (code << 1) | (this.nodeData[d] & INNER);
  }

  private addEnd(node: number, entry: number, ambiguous: number): void {
    const code = this.endCode(node);
    if (code === 0) {
      this.setEndCode(node, endCodeOf(entry, ambiguous));
      return;
    }
    let list: number[];
    if (code > 0) {
      list = [endEntry(code), endAmbiguous(code)];
      this.multiEnds.set(node, list);
    } else list = this.multiEnds.get(node)!;
    for (let i = 0; i < list.length; i += 2) {
      if (list[i] === entry) {
        // The same entry through two aliases that fold alike: unambiguous wins.
        if (ambiguous === 0) list[i + 1] = 0;
        if (list.length === 2) {
          this.multiEnds.delete(node);
          this.setEndCode(node, endCodeOf(list[0], list[1]));
        }
        return;
      }
    }
    list.push(entry, ambiguous);
    this.setEndCode(node, -1);
  }

  private addWord(text: string): number {
    const h = hashString(text);
    const found = this.find(h, unitsOf(text), 0, text.length);
    if (found >= 0) return found;
    const w = this.words;
    if (w >= MAX_WORDS) throw new RangeError(`kashf: more than ${MAX_WORDS} distinct words in the dictionaries`);
    if (text.length === 0 || text.includes('\0')) throw new RangeError('kashf: a dictionary word is empty or has a NUL in it');
    if (w + 1 >= this.wordHash.length) {
      this.wordHash = grownInt32(this.wordHash, this.wordHash.length * 2);
      this.wordStart = grownInt32(this.wordStart, this.wordHash.length + 1);
      const root = grownInt32(this.rootChild, this.wordHash.length);
      root.fill(-1, this.rootChild.length);
      this.rootChild = root;
    }
    if (this.charCount + text.length + 1 > this.chars.length) {
      const chars = new Uint16Array(Math.max(this.chars.length * 2, this.charCount + text.length + 1));
      chars.set(this.chars);
      this.chars = chars;
    }
    this.wordStart[w] = this.charCount;
    for (let i = 0; i < text.length; i++) this.chars[this.charCount++] = text.charCodeAt(i);
    this.chars[this.charCount++] = 0;
    this.wordStart[w + 1] = this.charCount;
    this.wordHash[w] = h;
    this.words++;
    // Keep the table at most half full: probes stay short.
    if (this.words * 2 > this.vocab.length / VOCAB) this.rehashVocab((this.vocab.length / VOCAB) * 2);
    else this.placeWord(w);
    return w;
  }

  private placeWord(w: number): void {
    const vocab = this.vocab;
    const mask = vocab.length / VOCAB - 1;
    let slot = mix(this.wordHash[w]) & mask;
    while (vocab[slot * VOCAB + 1] !== 0) slot = (slot + 1) & mask;
    const s = slot * VOCAB;
    vocab[s] = this.wordHash[w];
    vocab[s + 1] = w + 1;
    vocab[s + 2] = this.wordStart[w];
    vocab[s + 3] = this.rootChild[w];
    const f = Math.imul(this.wordHash[w], 0x9e3779b1) >>> this.filterShift;
    this.filter[f >>> 5] |= 1 << (f & 31);
  }

  /** A table of `slots` slots, every word placed again. */
  private rehashVocab(slots: number): void {
    this.vocab = new Int32Array(slots * VOCAB);
    // slots * 8 bits: a power of two, at least 2^12.
    const bits = Math.max(12, Math.round(Math.log2(slots)) + 3);
    this.filter = new Int32Array(2 ** (bits - 5));
    this.filterShift = 32 - bits;
    for (let w = 0; w < this.words; w++) this.placeWord(w);
  }

  private addEdge(node: number, word: number, glued: boolean, child: number): void {
    if (node === 0) {
      this.rootChild[word] = child;
      // And in the word's vocabulary slot, where the matcher reads it.
      const vocab = this.vocab;
      const mask = vocab.length / VOCAB - 1;
      let slot = mix(this.wordHash[word]) & mask;
      while (vocab[slot * VOCAB + 1] !== word + 1) slot = (slot + 1) & mask;
      vocab[slot * VOCAB + 3] = child;
      return;
    }
    if ((this.edgeCount + 1) * 2 > this.edgeTable.length / EDGE) this.rehashEdges((this.edgeTable.length / EDGE) * 2);
    this.placeEdge(node, word * 2 + (glued ? 1 : 0), child);
    this.edgeCount++;
    // The edge table has every edge; a node's only child is also kept with the node.
    this.room(node);
    const d = node * NODE;
    const first = (this.nodeData[d] & INNER) === 0;
    this.nodeData[d + 1] = first ? child : 0;
    this.nodeData[d + 2] = first ? this.wordStart[word] : 0;
    this.nodeData[d + 3] = first && glued ? 1 : 0;
  }

  private placeEdge(node: number, label: number, child: number): void {
    const table = this.edgeTable;
    const mask = table.length / EDGE - 1;
    let slot = mix(Math.imul(node, 0x9e3779b1) ^ label) & mask;
    while (table[slot * EDGE + 2] !== 0) slot = (slot + 1) & mask;
    const s = slot * EDGE;
    table[s] = node;
    table[s + 1] = label;
    table[s + 2] = child;
  }

  private rehashEdges(slots: number): void {
    const old = this.edgeTable;
    this.edgeTable = new Int32Array(slots * EDGE);
    for (let s = 0; s < old.length; s += EDGE) if (old[s + 2] !== 0) this.placeEdge(old[s], old[s + 1], old[s + 2]);
  }

  /** Room in `nodeData` for `node`. */
  private room(node: number): void {
    if ((node + 1) * NODE <= this.nodeData.length) return;
    const grown = new Int32Array(Math.max((node + 1) * NODE, this.nodeData.length * 2));
    grown.set(this.nodeData);
    this.nodeData = grown;
  }

  private markInner(node: number): void {
    this.room(node);
    this.nodeData[node * NODE] |= INNER;
  }

  serialize(): SerializedTrie {
    const multiEnds: number[] = [];
    for (const [node, list] of this.multiEnds) for (let i = 0; i < list.length; i += 2) multiEnds.push(node, list[i], list[i + 1]);
    return {
      format: 6,
      words: this.words,
      nodes: this.nodes,
      edges: this.edgeCount,
      chars: toBase64(this.chars.subarray(0, this.charCount)),
      wordStart: toBase64(this.wordStart.subarray(0, this.words + 1)),
      wordHash: toBase64(this.wordHash.subarray(0, this.words)),
      rootChild: toBase64(this.rootChild.subarray(0, this.words)),
      edgeTable: toBase64(this.edgeTable),
      nodeData: toBase64(this.nodeData.subarray(0, this.nodes * NODE)),
      multiEnds,
    };
  }

  static deserialize(s: SerializedTrie): Trie {
    if (s.format !== 6) throw new Error(`kashf: compiled trie format ${String(s.format)} is not 6`);
    const t = new Trie();
    t.words = s.words;
    t.nodes = s.nodes;
    t.edgeCount = s.edges;
    t.chars = fromBase64(s.chars, Uint16Array);
    t.charCount = t.chars.length;
    // Room for one more word, so the arrays keep their invariants if user entries are added.
    t.wordStart = grownInt32(fromBase64(s.wordStart, Int32Array), s.words + 2);
    t.wordHash = grownInt32(fromBase64(s.wordHash, Int32Array), s.words + 1);
    const root = grownInt32(fromBase64(s.rootChild, Int32Array), s.words + 1);
    root.fill(-1, s.words);
    t.rootChild = root;
    // The table and its filter are not stored: placing every word again builds them (and costs little).
    let slots = 512;
    while (s.words * 2 > slots) slots *= 2;
    t.rehashVocab(slots);
    t.edgeTable = fromBase64(s.edgeTable, Int32Array);
    t.nodeData = fromBase64(s.nodeData, Int32Array);
    for (let i = 0; i < s.multiEnds.length; i += 3) {
      const node = s.multiEnds[i];
      const list = t.multiEnds.get(node);
      if (list === undefined) t.multiEnds.set(node, [s.multiEnds[i + 1], s.multiEnds[i + 2]]);
      else list.push(s.multiEnds[i + 1], s.multiEnds[i + 2]);
    }
    return t;
  }

  get size(): { words: number; nodes: number } {
    return { words: this.words, nodes: this.nodes };
  }
}

/** The code units of a string, as an array-like for find(). */
function unitsOf(s: string): number[] {
  const out = new Array<number>(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

function grownInt32(a: Int32Array<ArrayBuffer>, n: number): Int32Array<ArrayBuffer> {
  if (a.length >= n) return a;
  const b = new Int32Array(n);
  b.set(a);
  return b;
}

type TypedArray = Uint8Array<ArrayBuffer> | Uint16Array<ArrayBuffer> | Int32Array<ArrayBuffer>;

function toBase64(a: TypedArray): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}

function fromBase64<T extends TypedArray>(s: string, Kind: { new (length: number): T; BYTES_PER_ELEMENT: number }): T {
  const bytes = Buffer.from(s, 'base64');
  // A fresh array: Buffer's pool may hand back a view at an unaligned offset.
  const out = new Kind(bytes.byteLength / Kind.BYTES_PER_ELEMENT);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}
