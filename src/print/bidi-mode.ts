// Which way the table writes Arabic, chosen from the flag and the terminal.
// Kept apart from bidi.ts so that resolving options loads no shaping code.

export type BidiMode = 'terminal' | 'app' | 'off';
export type BidiSetting = BidiMode | 'auto';
export const BIDI_SETTINGS: readonly BidiSetting[] = ['auto', 'terminal', 'app', 'off'];

/**
 * Picks a mode from the terminal's environment when the setting is 'auto':
 * terminals that do bidi and shaping themselves (VTE ≥ 0.58, Konsole, mlterm,
 * Apple Terminal) get 'terminal'; every other terminal gets 'app'.
 */
export function resolveBidi(setting: BidiSetting, env: Record<string, string | undefined>): BidiMode {
  if (setting !== 'auto') return setting;
  const vte = Number(env.VTE_VERSION ?? '');
  if (Number.isFinite(vte) && vte >= 5800) return 'terminal';
  if (env.KONSOLE_VERSION !== undefined && env.KONSOLE_VERSION !== '') return 'terminal';
  if (env.MLTERM !== undefined && env.MLTERM !== '') return 'terminal';
  if (env.TERM_PROGRAM === 'Apple_Terminal') return 'terminal';
  return 'app';
}
