#!/usr/bin/env node
// Generates dictionaries/countries.tsv from the world-countries package
// (ODbL-1.0; its Arabic `translations.ara` names) and the hand-curated
// dictionaries/templates/countries-overrides.tsv, which fixes the package's
// Arabic errors and adds the variants Arabic newsrooms use.
//
// Usage: node scripts/gen-countries.mjs [--check]
//   --check  do not write; exit 1 if countries.tsv is not up to date.
//
// Included: every UN member in the package, plus every other package entry
// that has a line in the overrides file. See the overrides file's header for
// its columns.

import { createRequire } from 'node:module';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const countries = require('world-countries/countries.json');

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const overridesPath = join(root, 'dictionaries', 'templates', 'countries-overrides.tsv');
const outPath = join(root, 'dictionaries', 'countries.tsv');

const errors = [];
const fail = (msg) => errors.push(msg);

/** Fold as kashf does for comparison: diacritics, tatweel, hamza, ى, ة, spaces. */
function fold(s) {
  return s
    .normalize('NFC')
    .replace(/[\u064B-\u0652\u0670\u0640]/g, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .replace(/ؤ/g, 'و')
    .replace(/ئ/g, 'ي')
    .replace(/\s+/g, ' ')
    .trim();
}

/** ASCII slug of an English name: "São Tomé and Príncipe" -> "sao-tome-and-principe". */
function slug(s) {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

// Arabic letters U+0621-U+064A, harakat U+064B-U+0652, superscript alef, and
// single spaces between words. Anything else (ڤ, Latin, brackets) is an error.
const ARABIC_NAME = /^[\u0621-\u063A\u0641-\u064A\u064B-\u0652\u0670]+( [\u0621-\u063A\u0641-\u064A\u064B-\u0652\u0670]+)*$/;
const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function checkArabic(s, where) {
  if (!ARABIC_NAME.test(s)) fail(`${where}: not a plain Arabic name: "${s}"`);
}

// ---- overrides ----
const overrides = new Map();
const ovText = readFileSync(overridesPath, 'utf8');
ovText.split('\n').forEach((line, i) => {
  if (line.trim() === '' || line.startsWith('#')) return;
  const where = `countries-overrides.tsv:${i + 1}`;
  const f = line.split('\t');
  if (f.length !== 7) {
    fail(`${where}: expected 7 TAB-separated columns, got ${f.length}`);
    return;
  }
  const [code, id, english, canonical, official, aliases, note] = f.map((x) => x.trim());
  if (overrides.has(code)) fail(`${where}: duplicate line for ${code}`);
  if (!note) fail(`${where}: the note column must say why`);
  overrides.set(code, { code, id, english, canonical, official, aliases, where });
});

const byCode = new Map(countries.map((c) => [c.cca3, c]));
for (const ov of overrides.values()) {
  if (!byCode.has(ov.code)) fail(`${ov.where}: no package entry with cca3 ${ov.code}`);
}

// ---- build entries ----
const entries = [];
for (const c of countries) {
  const ov = overrides.get(c.cca3);
  if (!c.unMember && !ov) continue;
  const pick = (v, dflt) => (ov && v !== '-' ? v : dflt);
  const where = ov ? ov.where : `world-countries ${c.cca3}`;
  const ara = c.translations.ara;
  if (!ara) {
    fail(`${where}: package has no Arabic name for ${c.cca3}`);
    continue;
  }
  const english = pick(ov?.english, c.name.common);
  const id = pick(ov?.id, slug(english));
  const canonical = pick(ov?.canonical, ara.common).normalize('NFC');
  const official = ov && ov.official === '!' ? null : pick(ov?.official, ara.official).normalize('NFC');
  const extra = ov && ov.aliases !== '-' ? ov.aliases.split('|').map((a) => a.trim()) : [];

  if (!ID.test(id)) fail(`${where}: bad id "${id}"`);
  checkArabic(canonical, `${where} canonical`);

  // Aliases: official first, then the curated ones. Drop an unambiguous alias
  // that folds like the canonical or an earlier alias; keep a `~` alias even
  // when it folds like the canonical (it makes that surface ambiguous).
  const aliases = [];
  const seen = new Map([[fold(canonical), 'canonical']]);
  for (const raw of [official, ...extra]) {
    if (raw == null || raw === '') continue;
    const amb = raw.startsWith('~');
    const name = (amb ? raw.slice(1) : raw).normalize('NFC');
    checkArabic(name, `${where} alias`);
    const key = fold(name);
    const prev = seen.get(key);
    if (prev === undefined) {
      seen.set(key, amb ? 'ambiguous' : 'plain');
      aliases.push(raw.normalize('NFC'));
    } else if (amb && prev === 'canonical') {
      seen.set(key, 'ambiguous');
      aliases.push(raw.normalize('NFC'));
    } else if (amb !== (prev === 'ambiguous')) {
      fail(`${where}: "${name}" is listed both with and without ~`);
    }
  }
  entries.push({ id, canonical, english, aliases, code: c.cca3 });
}

// ---- checks across entries ----
const ids = new Set();
const surfaces = new Map(); // folded surface -> [{id, amb}]
for (const e of entries) {
  if (ids.has(e.id)) fail(`duplicate id ${e.id}`);
  ids.add(e.id);
  const ambSet = new Set(e.aliases.filter((a) => a.startsWith('~')).map((a) => fold(a.slice(1))));
  const all = [e.canonical, ...e.aliases.map((a) => a.replace(/^~/, ''))];
  for (const s of new Set(all.map(fold))) {
    if (!surfaces.has(s)) surfaces.set(s, []);
    surfaces.get(s).push({ id: e.id, amb: ambSet.has(s) });
  }
}
for (const [s, users] of surfaces) {
  if (users.length > 1 && users.some((u) => !u.amb)) {
    fail(`surface "${s}" claimed by ${users.map((u) => u.id + (u.amb ? '(~)' : '')).join(', ')}; mark it ~ in all of them`);
  }
}
for (const c of countries) {
  if (c.unMember && !entries.some((e) => e.code === c.cca3)) fail(`UN member ${c.cca3} missing`);
}

if (errors.length) {
  for (const e of errors) console.error('gen-countries: ' + e);
  process.exit(1);
}

// ---- write ----
entries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
const pkgVersion = require('world-countries/package.json').version;
const header = [
  '# Countries and territories (LOC).',
  '# GENERATED by scripts/gen-countries.mjs from the world-countries package',
  `# (v${pkgVersion}, ODbL-1.0, https://github.com/mledoze/countries; Arabic names from`,
  '# translations.ara) + hand-curated dictionaries/templates/countries-overrides.tsv.',
  '# DO NOT EDIT BY HAND: change the overrides file and run',
  '#   node scripts/gen-countries.mjs',
  '# Contains Information from world-countries, which is made available under the',
  '# Open Database License (ODbL) 1.0.',
  '# id\ttype\tcanonical\tenglish\taliases',
];
const body = entries.map((e) => [e.id, 'LOC', e.canonical, e.english, e.aliases.join('|')].join('\t'));
const out = header.concat(body).join('\n') + '\n';

if (process.argv.includes('--check')) {
  const cur = existsSync(outPath) ? readFileSync(outPath, 'utf8') : '';
  if (cur !== out) {
    console.error('gen-countries: dictionaries/countries.tsv is out of date; run node scripts/gen-countries.mjs');
    process.exit(1);
  }
  console.log(`gen-countries: countries.tsv up to date (${entries.length} entries)`);
} else {
  writeFileSync(outPath, out);
  console.log(`gen-countries: wrote ${entries.length} entries to dictionaries/countries.tsv`);
}
