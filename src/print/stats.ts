// --stats: counts across every input instead of the records themselves —
// documents, entity mentions per type, quotations per kind (nested ones
// included), and the most mentioned entities (top 20; ties broken by canonical
// name, then id, in code-point order so the list is the same everywhere).

import { ENTITY_TYPES, type EntityType } from '../gazetteer/types.js';
import type { DocumentResult, EntityRecord, QuoteRecord } from '../types.js';
import type { DocumentStream, Printer } from './index.js';
import type { Sink } from './sink.js';
import { renderGrid, type TableOptions } from './table.js';

export const TOP_ENTITIES = 20;

export interface Stats {
  documents: number;
  entities: Record<EntityType, number>;
  quotes: { direct: number; indirect: number };
  top: { id: string; canonical: string; type: EntityType; count: number }[];
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export class StatsCollector {
  private documents = 0;
  private readonly types = Object.fromEntries(ENTITY_TYPES.map((t) => [t, 0])) as Record<EntityType, number>;
  private readonly quotes = { direct: 0, indirect: 0 };
  private readonly entities = new Map<string, { id: string; canonical: string; type: EntityType; count: number }>();

  add(d: DocumentResult): void {
    this.documents++;
    this.count(d.entities, d.quotes);
  }

  /** Records of a document, or of a chunk of one (the document is counted by add(), or once its chunks are done). */
  count(entities: readonly EntityRecord[], quotes: readonly QuoteRecord[]): void {
    for (const e of entities) {
      this.types[e.type] = (this.types[e.type] ?? 0) + 1;
      const key = `${e.type}\u0000${e.id}`;
      const seen = this.entities.get(key);
      if (seen) seen.count++;
      else this.entities.set(key, { id: e.id, canonical: e.canonical, type: e.type, count: 1 });
    }
    const kinds = (qs: readonly QuoteRecord[]): void => {
      for (const q of qs) {
        this.quotes[q.kind]++;
        if (q.nested) kinds(q.nested);
      }
    };
    kinds(quotes);
  }

  /** A document read in chunks, its records counted chunk by chunk. */
  document(): void {
    this.documents++;
  }

  result(top = TOP_ENTITIES): Stats {
    const ranked = [...this.entities.values()].sort(
      (a, b) => b.count - a.count || byCodePoint(a.canonical, b.canonical) || byCodePoint(a.id, b.id),
    );
    return {
      documents: this.documents,
      entities: { ...this.types },
      quotes: { ...this.quotes },
      top: ranked.slice(0, top).map((e) => ({ id: e.id, canonical: e.canonical, type: e.type, count: e.count })),
    };
  }
}

/** Collects every document, then writes the summary as a table or JSON. */
export class StatsPrinter implements Printer {
  private readonly stats = new StatsCollector();
  constructor(
    private readonly sink: Sink,
    private readonly mode: 'table' | 'json' | 'jsonl',
    private readonly table: TableOptions,
  ) {}
  begin(): void {}
  document(d: DocumentResult, _text?: string | Uint8Array): void {
    this.stats.add(d);
  }
  /** A document read in chunks: counted as they come, nothing kept. */
  open(): DocumentStream {
    return { add: (entities, quotes) => this.stats.count(entities, quotes), close: () => this.stats.document() };
  }
  end(): void {
    const s = this.stats.result();
    if (this.mode === 'json') this.sink.write(JSON.stringify(s, null, 2) + '\n');
    else if (this.mode === 'jsonl') this.sink.write(JSON.stringify(s) + '\n');
    else this.sink.write(statsTable(s, this.table));
  }
}

function statsTable(s: Stats, o: TableOptions): string {
  const { chalk } = o;
  const colour: Record<string, (x: string) => string> = { PER: chalk.yellow, ORG: chalk.cyan, LOC: chalk.green };
  const total = Object.values(s.entities).reduce((a, n) => a + n, 0);
  const lines = [chalk.bold(`${s.documents} document${s.documents === 1 ? '' : 's'}`)];
  lines.push(
    ...renderGrid(
      ['ENTITIES', 'COUNT'],
      [...ENTITY_TYPES.map((t) => [{ text: t, style: colour[t] }, String(s.entities[t])]), ['total', String(total)]],
      [],
      o,
      [1],
    ),
  );
  lines.push(...renderGrid(['QUOTES', 'COUNT'], [['direct', String(s.quotes.direct)], ['indirect', String(s.quotes.indirect)]], [], o, [1]));
  if (s.top.length > 0) {
    lines.push(
      ...renderGrid(
        ['#', 'COUNT', 'TYPE', 'CANONICAL', 'ID'],
        s.top.map((e, i) => [String(i + 1), String(e.count), { text: e.type, style: colour[e.type] }, e.canonical, e.id]),
        [3, 4],
        o,
        [0, 1],
      ),
    );
  }
  return lines.join('\n') + '\n';
}
