// Government bodies generated from two small tables instead of thousands of
// hand-written lines: dictionaries/templates/bodies.tsv holds the forms of each
// body with a {f} (feminine) or {m} (masculine) nationality slot —
// «وزارة الخارجية {f}», «الخارجية {f}» — and
// dictionaries/templates/nationalities.tsv holds each country's adjectives —
// «الروسي / الروسية». Every body × nationality becomes one ORG entry,
// `russia-foreign-ministry`, with all spelling variants as aliases.

import type { Alias, Entry, Problem } from './types.js';

interface Nationality {
  country: string;
  masculine: string[];
  feminine: string[];
  line: number;
}

interface Body {
  id: string;
  forms: string[];
  english: string;
  line: number;
}

function rows(text: string): { cols: string[]; line: number }[] {
  const out: { cols: string[]; line: number }[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      if (raw.trim() === '' || raw.trimStart().startsWith('#')) return;
      out.push({ cols: raw.split('\t').map((c) => c.trim()), line: i + 1 });
    });
  return out;
}

const variants = (field: string): string[] =>
  field
    .split('|')
    .map((s) => s.trim())
    .filter((s) => s !== '');

export function generateBodies(
  nationalitiesText: string,
  nationalitiesFile: string,
  bodiesText: string,
  bodiesFile: string,
  countryEnglish: (id: string) => string | undefined,
): { entries: Entry[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const nationalities: Nationality[] = [];
  for (const { cols, line } of rows(nationalitiesText)) {
    if (cols.length !== 3) {
      problems.push({ file: nationalitiesFile, line, severity: 'error', code: 'columns', message: `expected 3 columns (country-id, masculine, feminine), found ${cols.length}` });
      continue;
    }
    if (countryEnglish(cols[0]) === undefined) {
      problems.push({ file: nationalitiesFile, line, severity: 'error', code: 'unknown-country', message: `country id "${cols[0]}" is not a dictionary entry` });
      continue;
    }
    nationalities.push({ country: cols[0], masculine: variants(cols[1]), feminine: variants(cols[2]), line });
  }
  const bodies: Body[] = [];
  for (const { cols, line } of rows(bodiesText)) {
    if (cols.length !== 3) {
      problems.push({ file: bodiesFile, line, severity: 'error', code: 'columns', message: `expected 3 columns (body-id, forms, english), found ${cols.length}` });
      continue;
    }
    const forms = variants(cols[1]);
    const bad = forms.find((f) => !/\{[fm]\}/.test(f));
    if (bad !== undefined) {
      problems.push({ file: bodiesFile, line, severity: 'error', code: 'template', message: `form "${bad}" has no {f} or {m} slot` });
      continue;
    }
    bodies.push({ id: cols[0], forms, english: cols[2], line });
  }

  const entries: Entry[] = [];
  for (const body of bodies) {
    for (const nat of nationalities) {
      const surfaces: string[] = [];
      for (const form of body.forms) {
        const adjectives = form.includes('{f}') ? nat.feminine : nat.masculine;
        for (const adj of adjectives) surfaces.push(form.replace(/\{[fm]\}/, adj));
      }
      if (surfaces.length === 0) continue;
      const aliases: Alias[] = [...new Set(surfaces)].map((surface) => ({ surface, ambiguous: false }));
      entries.push({
        id: `${nat.country}-${body.id}`,
        type: 'ORG',
        canonical: surfaces[0],
        english: `${body.english} of ${countryEnglish(nat.country)}`,
        aliases,
        source: { file: `${bodiesFile}:${body.line} × ${nationalitiesFile}`, line: nat.line },
      });
    }
  }
  return { entries, problems };
}
