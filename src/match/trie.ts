// The compiled form of the gazetteers: a trie over folded word tokens. Each
// edge is one word (and whether it is glued to the previous one, as in
// أوبك+); a node that ends an alias lists the entries that alias names.
// Looking a token up costs one hash lookup whatever the dictionary's size,
// which is what keeps matching flat from a thousand entries to a hundred
// thousand. The trie serialises to plain arrays so the built-in dictionaries
// are compiled once, at build time.

/** Words per trie edge key: node * WORD_SPACE + word * 2 + glued. */
const WORD_SPACE = 2 ** 22;
const MAX_WORDS = WORD_SPACE / 2;
const INNER = 1;
const TERMINAL = 2;

export interface AliasToken {
  text: string;
  /** No white space between this word and the previous one. */
  glued: boolean;
}

export interface SerializedTrie {
  words: string[];
  /** Triples: parent node, edge label (word * 2 + glued), child node. */
  edges: number[];
  /** Triples: node, entry index, 1 when the alias is ambiguous. */
  terminals: number[];
  nodes: number;
}

export class Trie {
  private readonly vocab = new Map<string, number>();
  private readonly words: string[] = [];
  private readonly edges = new Map<number, number>();
  /** node → flat [entry, ambiguous, entry, ambiguous, …] */
  private readonly terminals = new Map<number, number[]>();
  private nodes = 1;
  /** Per node: INNER (has children: a walk stops at the others without a lookup) and TERMINAL. */
  private flags = new Uint8Array(64);
  /**
   * A filter on (first letter, last letter, length) of every word: most text
   * words fail it, and are never sliced or hashed.
   */
  private readonly filter = new Uint8Array(1 << (FILTER_BITS - 3));

  /** The id of a folded word, or -1 if no alias contains it. */
  word(text: string): number {
    const w = this.vocab.get(text);
    return w === undefined ? -1 : w;
  }

  /** Could a word with these first three and last code units and this length be in the vocabulary? */
  mayHave(c0: number, c1: number, c2: number, last: number, length: number): boolean {
    const h = filterKey(c0, c1, c2, last, length);
    return (this.filter[h >>> 3] & (1 << (h & 7))) !== 0;
  }

  /** Does any alias go on after `node`? */
  hasChildren(node: number): boolean {
    return node < this.flags.length && (this.flags[node] & INNER) !== 0;
  }

  /** The child of `node` along `word`, or -1. */
  child(node: number, word: number, glued: boolean): number {
    const c = this.edges.get(node * WORD_SPACE + word * 2 + (glued ? 1 : 0));
    return c === undefined ? -1 : c;
  }

  /** Entries ending at `node`, as [entry, ambiguous, …], or undefined. */
  ends(node: number): readonly number[] | undefined {
    // Most nodes end no alias: a flag saves the hash lookup.
    return node < this.flags.length && (this.flags[node] & TERMINAL) !== 0 ? this.terminals.get(node) : undefined;
  }

  insert(tokens: readonly AliasToken[], entry: number, ambiguous: boolean): void {
    let node = 0;
    tokens.forEach((t, i) => {
      let w = this.vocab.get(t.text);
      if (w === undefined) {
        w = this.words.length;
        if (w >= MAX_WORDS) throw new RangeError(`kashf: more than ${MAX_WORDS} distinct words in the dictionaries`);
        this.words.push(t.text);
        this.vocab.set(t.text, w);
        this.remember(t.text);
      }
      // The first word's gap is whatever precedes the name in the text.
      const key = node * WORD_SPACE + w * 2 + (i > 0 && t.glued ? 1 : 0);
      let next = this.edges.get(key);
      if (next === undefined) {
        next = this.nodes++;
        this.edges.set(key, next);
        this.markInner(node);
      }
      node = next;
    });
    let list = this.terminals.get(node);
    if (list === undefined) this.terminals.set(node, (list = []));
    this.mark(node, TERMINAL);
    for (let i = 0; i < list.length; i += 2) {
      if (list[i] === entry) {
        // The same entry through two aliases that fold alike: unambiguous wins.
        if (!ambiguous) list[i + 1] = 0;
        return;
      }
    }
    list.push(entry, ambiguous ? 1 : 0);
  }

  private remember(word: string): void {
    const at = (i: number): number => (i < word.length ? word.charCodeAt(i) : -1);
    const h = filterKey(at(0), at(1), at(2), word.charCodeAt(word.length - 1), word.length);
    this.filter[h >>> 3] |= 1 << (h & 7);
  }

  private mark(node: number, flag: number): void {
    if (node >= this.flags.length) {
      const grown = new Uint8Array(Math.max(node + 1, this.flags.length * 2));
      grown.set(this.flags);
      this.flags = grown;
    }
    this.flags[node] |= flag;
  }

  private markInner(node: number): void {
    this.mark(node, INNER);
  }

  serialize(): SerializedTrie {
    const edges: number[] = [];
    for (const [key, child] of this.edges) {
      const parent = Math.floor(key / WORD_SPACE);
      edges.push(parent, key - parent * WORD_SPACE, child);
    }
    const terminals: number[] = [];
    for (const [node, list] of this.terminals) {
      for (let i = 0; i < list.length; i += 2) terminals.push(node, list[i], list[i + 1]);
    }
    return { words: this.words.slice(), edges, terminals, nodes: this.nodes };
  }

  static deserialize(s: SerializedTrie): Trie {
    const t = new Trie();
    s.words.forEach((w, i) => {
      t.words.push(w);
      t.vocab.set(w, i);
      t.remember(w);
    });
    for (let i = 0; i < s.edges.length; i += 3) {
      t.edges.set(s.edges[i] * WORD_SPACE + s.edges[i + 1], s.edges[i + 2]);
      t.markInner(s.edges[i]);
    }
    for (let i = 0; i < s.terminals.length; i += 3) {
      const node = s.terminals[i];
      let list = t.terminals.get(node);
      if (list === undefined) t.terminals.set(node, (list = []));
      t.mark(node, TERMINAL);
      list.push(s.terminals[i + 1], s.terminals[i + 2]);
    }
    t.nodes = s.nodes;
    return t;
  }

  get size(): { words: number; nodes: number } {
    return { words: this.words.length, nodes: this.nodes };
  }
}

function filterKey(c0: number, c1: number, c2: number, last: number, length: number): number {
  let h = Math.imul(c0, 0x9e3779b1);
  h = Math.imul(h ^ c1, 0x85ebca6b);
  h = Math.imul(h ^ c2, 0xc2b2ae35);
  h = Math.imul(h ^ last, 0x27d4eb2f);
  h ^= Math.min(length, 31);
  h ^= h >>> 15;
  return h & ((1 << FILTER_BITS) - 1);
}

/** 2^23 bits (1 MiB): a few per cent of false positives with a hundred thousand aliases. */
const FILTER_BITS = 23;
