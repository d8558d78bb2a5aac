#!/usr/bin/env node
// Converts an inline-annotated evaluation file (NAME.ann.txt) into the plain
// text (NAME.txt) and the gold standard (NAME.gold.json) next to it.
//
// Usage: node scripts/ann-to-gold.mjs FILE.ann.txt [FILE2.ann.txt ...]
//
// Markup (see fixtures/eval/README.md):
//   [[TYPE:text]]              entity, TYPE one of PER ORG LOC
//   [[TYPE?:text]]             optional entity (neither required nor penalised)
//   [[TYPE:text|alt=sub]]      entity with an accepted alternative span `sub`
//                              (a substring of text; the offsets of its first
//                              occurrence inside the entity). `|alt=` may repeat.
//   {{s1/s2::quoted text}}     quotation with its acceptable speaker strings
//   {{?s1/s2::quoted text}}    optional quotation
// Entities may be nested inside quotations; nothing else nests.
//
// Offsets are Unicode code points, end exclusive. The output JSON uses
// 1-space indentation and no trailing newline, as the seed gold files do.
// Errors (unbalanced or malformed markup) are printed as file:line: message
// and the script exits 1 without writing anything for that file.

import { readFileSync, writeFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const TYPES = new Set(['PER', 'ORG', 'LOC']);

class AnnError extends Error {
  constructor(line, message) {
    super(message);
    this.line = line;
  }
}

/**
 * Parses annotated text. Works on an array of code points so that every
 * offset is a code-point offset.
 * @param {string} src
 * @returns {{text: string, entities: object[], quotes: object[]}}
 */
export function parseAnn(src) {
  const cps = Array.from(src);
  const out = []; // output code points
  const entities = [];
  const quotes = [];
  let openQuote = null; // {start, optional, speakers, line}
  let line = 1;
  let i = 0;

  const at = (k, s) => {
    for (let j = 0; j < s.length; j++) if (cps[k + j] !== s[j]) return false;
    return true;
  };
  /** Reads until `stop` (exclusive) on the current position; returns string. */
  const readUntil = (stop, what, startLine, forbidden) => {
    let s = '';
    while (i < cps.length && !at(i, stop)) {
      for (const f of forbidden) {
        if (at(i, f)) throw new AnnError(line, `unexpected "${f}" inside ${what} opened on line ${startLine}`);
      }
      if (cps[i] === '\n') throw new AnnError(startLine, `${what} is not closed on its line`);
      s += cps[i];
      i++;
    }
    if (i >= cps.length) throw new AnnError(startLine, `${what} is not closed (missing "${stop}")`);
    i += stop.length;
    return s;
  };

  while (i < cps.length) {
    const c = cps[i];
    if (at(i, '[[')) {
      const startLine = line;
      i += 2;
      const head = readUntil(':', 'entity', startLine, ['[[', ']]', '{{', '}}']);
      let type = head;
      let optional = false;
      if (type.endsWith('?')) {
        optional = true;
        type = type.slice(0, -1);
      }
      if (!TYPES.has(type)) throw new AnnError(startLine, `unknown entity type "${head}" (expected PER, ORG or LOC, optionally followed by ?)`);
      const body = readUntil(']]', 'entity', startLine, ['[[', '{{', '}}']);
      const parts = body.split('|');
      const text = parts[0];
      if (text.length === 0) throw new AnnError(startLine, 'empty entity text');
      if (text !== text.trim()) throw new AnnError(startLine, `entity "${text}" has leading or trailing whitespace`);
      const start = out.length;
      const textCps = Array.from(text);
      const alts = [];
      for (const p of parts.slice(1)) {
        if (!p.startsWith('alt=')) throw new AnnError(startLine, `unknown entity attribute "${p}" (expected alt=...)`);
        const sub = p.slice(4);
        const k = text.indexOf(sub);
        if (sub.length === 0 || k < 0) throw new AnnError(startLine, `alt "${sub}" is not a substring of entity "${text}"`);
        const subStart = start + Array.from(text.slice(0, k)).length;
        alts.push({ start: subStart, end: subStart + Array.from(sub).length });
      }
      out.push(...textCps);
      entities.push({ text, type, start, end: out.length, optional, alts });
      continue;
    }
    if (at(i, '{{')) {
      const startLine = line;
      if (openQuote) throw new AnnError(line, `quotation opened inside the quotation opened on line ${openQuote.line}`);
      i += 2;
      let head = readUntil('::', 'quotation header', startLine, ['[[', ']]', '{{', '}}']);
      let optional = false;
      if (head.startsWith('?')) {
        optional = true;
        head = head.slice(1);
      }
      const speakers = head === '' ? [] : head.split('/');
      if (speakers.some((s) => s.trim() === '' || s !== s.trim())) {
        throw new AnnError(startLine, `malformed speaker list "${head}"`);
      }
      openQuote = { start: out.length, optional, speakers, line: startLine };
      continue;
    }
    if (at(i, '}}')) {
      if (!openQuote) throw new AnnError(line, '"}}" without an open quotation');
      const text = out.slice(openQuote.start).join('');
      if (text.length === 0) throw new AnnError(line, 'empty quotation');
      quotes.push({
        text,
        start: openQuote.start,
        end: out.length,
        optional: openQuote.optional,
        speakers: openQuote.speakers,
      });
      openQuote = null;
      i += 2;
      continue;
    }
    if (at(i, ']]')) throw new AnnError(line, '"]]" without an open entity');
    if (c === '\n') line++;
    out.push(c);
    i++;
  }
  if (openQuote) throw new AnnError(openQuote.line, 'quotation is not closed (missing "}}")');

  entities.sort((a, b) => a.start - b.start || b.end - a.end);
  quotes.sort((a, b) => a.start - b.start);
  return { text: out.join(''), entities, quotes };
}

function main(argv) {
  const files = argv.slice(2);
  if (files.length === 0) {
    process.stderr.write('usage: node scripts/ann-to-gold.mjs FILE.ann.txt [...]\n');
    return 2;
  }
  let status = 0;
  for (const file of files) {
    if (!file.endsWith('.ann.txt')) {
      process.stderr.write(`${file}:1: input file name must end in .ann.txt\n`);
      status = 1;
      continue;
    }
    let parsed;
    try {
      parsed = parseAnn(readFileSync(file, 'utf8'));
    } catch (e) {
      if (e instanceof AnnError) {
        process.stderr.write(`${file}:${e.line}: ${e.message}\n`);
        status = 1;
        continue;
      }
      throw e;
    }
    const base = file.slice(0, -'.ann.txt'.length);
    writeFileSync(`${base}.txt`, parsed.text);
    writeFileSync(`${base}.gold.json`, JSON.stringify({ entities: parsed.entities, quotes: parsed.quotes }, null, 1));
  }
  return status;
}

const isMain = (() => {
  try {
    return realpathSync(process.argv[1] ?? '') === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
})();
if (isMain) process.exitCode = main(process.argv);
