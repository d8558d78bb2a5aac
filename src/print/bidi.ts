// Making Arabic readable in a terminal.
//
// Most terminals neither shape Arabic nor apply the bidi algorithm (Alacritty,
// Windows Terminal, kitty, xterm.js/VS Code): they print code points left to
// right in isolated forms. For them kashf does the work itself ('app'):
// strips diacritics (arabic-reshaper mishandles lam + diacritic + alef),
// shapes with arabic-reshaper and reorders each cell to visual order with the
// Unicode bidi algorithm (bidi-js). Terminals that do both (VTE ≥ 0.58,
// Konsole, mlterm, Apple Terminal) get logical text with each cell isolated in
// FSI…PDI so neighbouring cells do not reorder into each other ('terminal').
//
// Only the table uses this module: machine formats carry logical text as read.

import reshaper from 'arabic-reshaper';
import bidiModule, { type Bidi } from 'bidi-js';
import type { BidiMode } from './bidi-mode.js';

// bidi-js is CommonJS: its default export is the factory, whatever its typings say.
const bidiFactory = bidiModule as unknown as () => Bidi;

// The modes and their resolution live in bidi-mode.ts, which loads no shaping code.
export { BIDI_SETTINGS, resolveBidi, type BidiMode, type BidiSetting } from './bidi-mode.js';

let bidi: Bidi | null = null;

export const FSI = '\u2068';
export const PDI = '\u2069';
/** Marks dropped for display in 'app' mode: harakat, tanwin, shadda, sukun, superscript alef, Quranic marks, tatweel. */
const DISPLAY_MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED\u0640]/g;
/** Controls that would disturb a cell's own layout. */
const CONTROLS = /[\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/g;
const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
const LAM = 0x0644;
const ALEFS = new Set([0x0622, 0x0623, 0x0625, 0x0627]);

/** A cell's text as it should be written for `mode`. */
export function displayText(s: string, mode: BidiMode): string {
  return displayParts([{ text: s }], mode);
}

/** A run of a cell's logical text and how to paint it (chalk style or none). */
export interface DisplayPart {
  text: string;
  style?: (s: string) => string;
}

/**
 * Several logical parts laid out as one cell, each keeping its own style.
 * In 'app' mode the parts are shaped and reordered together (a word cut
 * between two parts still joins), then each visual run is painted with the
 * style of the part its characters came from.
 */
export function displayParts(parts: readonly DisplayPart[], mode: BidiMode): string {
  const clean = parts.map((p) => ({ text: p.text.replace(CONTROLS, '').replace(/\s+/g, ' '), style: p.style }));
  const paint = (p: { text: string; style?: (s: string) => string }) => (p.style && p.text !== '' ? p.style(p.text) : p.text);
  const whole = clean.map((p) => p.text).join('');
  if (mode === 'off' || !RTL.test(whole)) return clean.map(paint).join('');
  if (mode === 'terminal') return FSI + clean.map(paint).join('') + PDI;

  // 'app': strip display marks, keeping which part every remaining character belongs to.
  let plain = '';
  const owner: number[] = [];
  clean.forEach((p, k) => {
    const t = p.text.replace(DISPLAY_MARKS, '');
    plain += t;
    for (let i = 0; i < t.length; i++) owner.push(k);
  });
  const shaped = reshaper.convertArabic(plain);
  const shapedOwner = ownersAfterShaping(plain, shaped, owner);
  bidi ??= bidiFactory();
  const levels = bidi.getEmbeddingLevels(shaped, 'rtl');
  if (shapedOwner === null || clean.every((p) => p.style === undefined)) return bidi.getReorderedString(shaped, levels);
  const order = bidi.getReorderedIndices(shaped, levels);
  const mirrored = bidi.getMirroredCharactersMap(shaped, levels.levels);
  let out = '';
  let run = '';
  let runOwner = -1;
  const flush = () => {
    if (run !== '') out += paint({ text: run, style: clean[runOwner].style });
    run = '';
  };
  for (const i of order) {
    if (shapedOwner[i] !== runOwner) {
      flush();
      runOwner = shapedOwner[i];
    }
    run += mirrored.get(i) ?? shaped[i];
  }
  flush();
  return out;
}

/**
 * Which part each shaped character came from. arabic-reshaper maps one
 * character to one, except lam + alef, which becomes one ligature (U+FEF5–U+FEFC);
 * null if the shaped text does not line up (then the cell is painted whole).
 */
function ownersAfterShaping(plain: string, shaped: string, owner: number[]): number[] | null {
  const out: number[] = [];
  let i = 0;
  for (let j = 0; j < shaped.length; j++) {
    if (i >= plain.length) return null;
    const s = shaped.charCodeAt(j);
    out.push(owner[i]);
    const ligature = plain.charCodeAt(i) === LAM && ALEFS.has(plain.charCodeAt(i + 1)) && s >= 0xfef5 && s <= 0xfefc;
    i += ligature ? 2 : 1;
  }
  return i === plain.length ? out : null;
}
