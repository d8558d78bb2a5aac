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

import reshaper from 'arabic-reshaper';
import bidiModule, { type Bidi } from 'bidi-js';

// bidi-js is CommonJS: its default export is the factory, whatever its typings say.
const bidiFactory = bidiModule as unknown as () => Bidi;

export type BidiMode = 'terminal' | 'app' | 'off';
export type BidiSetting = BidiMode | 'auto';
export const BIDI_SETTINGS: readonly BidiSetting[] = ['auto', 'terminal', 'app', 'off'];

let bidi: Bidi | null = null;

const FSI = '\u2068';
const PDI = '\u2069';
/** Marks dropped for display in 'app' mode: harakat, tanwin, shadda, sukun, superscript alef, Quranic marks, tatweel. */
const DISPLAY_MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED\u0640]/g;
/** Controls that would disturb a cell's own layout. */
const CONTROLS = /[\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/g;
const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;

/** Picks a mode from the terminal's environment when the setting is 'auto'. */
export function resolveBidi(setting: BidiSetting, env: Record<string, string | undefined>): BidiMode {
  if (setting !== 'auto') return setting;
  const vte = Number(env.VTE_VERSION ?? '');
  if (Number.isFinite(vte) && vte >= 5800) return 'terminal';
  if (env.KONSOLE_VERSION !== undefined && env.KONSOLE_VERSION !== '') return 'terminal';
  if (env.MLTERM !== undefined && env.MLTERM !== '') return 'terminal';
  if (env.TERM_PROGRAM === 'Apple_Terminal') return 'terminal';
  return 'app';
}

/** A cell's text as it should be written for `mode`. */
export function displayText(s: string, mode: BidiMode): string {
  const clean = s.replace(CONTROLS, '').replace(/\s+/g, ' ');
  if (mode === 'off') return clean;
  if (mode === 'terminal') return RTL.test(clean) ? FSI + clean + PDI : clean;
  if (!RTL.test(clean)) return clean;
  const shaped = reshaper.convertArabic(clean.replace(DISPLAY_MARKS, ''));
  bidi ??= bidiFactory();
  const levels = bidi.getEmbeddingLevels(shaped, 'rtl');
  return bidi.getReorderedString(shaped, levels);
}
