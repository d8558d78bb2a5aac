// Formats the results run.mjs collected: a plain-text report for the terminal.
// Records in, text out; nothing here measures or writes files.

const f1 = (x) => (x === null || x === undefined ? '—' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const ms = (x) => (x === null || x === undefined ? '—' : x >= 100 ? `${x.toFixed(0)} ms` : `${x.toFixed(1)} ms`);
const ratio = (a, b) => (a == null || b == null || b === 0 ? '—' : `${(a / b).toFixed(a / b >= 10 ? 1 : 2)}×`);
const mb = (kb) => (kb == null ? '—' : `${(kb / 1024).toFixed(0)} MiB`);
export const dictLabel = (n) => (n % 1000 === 0 ? `${n / 1000}k` : String(n));
export const sizeLabel = (bytes) => (bytes >= 1e6 ? `${+(bytes / 1e6).toFixed(2)} MB` : `${+(bytes / 1e3).toFixed(1)} kB`);

function table(header, rows, align) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) =>
    cells.map((c, i) => ((align?.[i] ?? 'r') === 'l' ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function formatReport(res) {
  const out = [];
  const e = res.environment;
  out.push(`kashf benchmark — ${e.date}`);
  out.push(`node ${e.node}, ${e.platform} ${e.arch}, ${e.cpus} × ${e.cpuModel}, ${e.memoryGiB} GiB RAM, ${e.grep ?? 'grep not found'}`);
  out.push(`1-minute load average: ${e.loadavg1[0]} at start, ${e.loadavg1[1]} at end (anything above 0 is other work sharing the CPUs)`);
  out.push(`data: synthetic Arabic news text and dictionaries, seed "${res.config.seed}", generated in ${(res.generation.ms / 1000).toFixed(1)} s into ${res.config.dir}`);
  out.push(`command: node bench/run.mjs${res.config.argv.length ? ' ' + res.config.argv.join(' ') : ''}`);
  out.push(`MB = 10^6 bytes of UTF-8 input; MB/s = input bytes ÷ wall time of the timed loop; ${res.config.maxReps > 1 ? `median of up to ${res.config.maxReps} runs (a run over ${res.config.repeatUnder} s is not repeated)` : 'one run each'}.`);
  out.push('');

  out.push('Throughput (MB/s, higher is better)');
  const rows = [];
  const notes = new Set();
  for (const r of res.matrix) {
    let rx = r.regexp ? f1(r.regexp.mbps) : '—';
    if (r.regexp?.measuredOnBytes && r.regexp.measuredOnBytes !== r.bytes) {
      rx += '*';
      notes.add(`* RegExp measured on ${sizeLabel(r.regexp.measuredOnBytes)} of the same text: projected ${(r.regexp.projectedSeconds ?? 0).toFixed(0)} s at this size exceeds the ${res.config.regexpBudget} s budget.`);
    }
    if (r.regexp?.error) {
      rx = 'error';
      notes.add(`RegExp failed: ${r.regexp.error}`);
    }
    rows.push([
      sizeLabel(r.bytes),
      dictLabel(r.dict),
      r.kashf.docs,
      f1(r.kashf.mbps),
      rx,
      r.grep ? f1(r.grep.mbps) : '—',
      f1(r.floor.mbps),
      ratio(r.kashf.mbps, r.regexp?.mbps),
      r.kashfGrep != null ? ratio(r.kashfGrep, 1) : ratio(r.kashf.mbps, r.grep?.mbps),
      ratio(r.kashf.mbps, r.floor.mbps),
      mb(r.kashf.maxRSSKB),
    ]);
  }
  out.push(
    table(
      ['text', 'dict', 'docs', 'kashf', 'regexp', 'grep -F', 'floor', 'kashf÷regexp', 'kashf÷grep', 'kashf÷floor', 'kashf peak RSS'],
      rows,
      ['l', 'r'],
    ),
  );
  for (const n of notes) out.push(n);
  out.push('kashf: read + check UTF-8 + split into articles + extract (quotes all) + JSONL to /dev/null. regexp: read + decode + matchAll of one');
  out.push('alternation of every alias (flags gu, longest first). grep: `LC_ALL=C grep -F -o -f aliases.txt FILE`, whole process. floor: read + decode + charCodeAt pass.');
  out.push('kashf÷grep: on each text, kashf and grep run in turn with each dictionary, round after round (k g with 1k, k g with 10k, … then again),');
  out.push('and kashf÷grep is the median of each pair\'s ratio, so drift in a shared machine\'s speed falls on both.');
  out.push('');

  out.push('What each one found. regexp and grep count raw substring hits: a short alias inside a longer word or name counts, a name written');
  out.push('with harakat, tatweel, a clitic or another letter form does not, so their counts are not comparable with the planted mentions.');
  const mrows = res.matrix.map((r) => [
    sizeLabel(r.bytes),
    dictLabel(r.dict),
    r.planted ?? '—',
    r.kashf.entities,
    r.plantedQuotes,
    r.kashf.quotes,
    r.regexp && !r.regexp.error ? (r.regexp.measuredOnBytes === r.bytes ? r.regexp.matches : `${r.regexp.matches} (on ${sizeLabel(r.regexp.measuredOnBytes)})`) : '—',
    r.grep ? r.grep.matches : '—',
  ]);
  out.push(table(['text', 'dict', 'planted mentions', 'kashf entities', 'planted quotes', 'kashf quotes', 'regexp matches', 'grep matches'], mrows, ['l', 'r']));
  out.push('');

  const first = res.matrix[0]?.dict;
  const flatRows = res.matrix
    .filter((r) => r.dict !== first && r.kashfVsFirst != null)
    .map((r) => [sizeLabel(r.bytes), dictLabel(r.dict), ratio(r.kashfVsFirst, 1), r.grepVsFirst != null ? ratio(r.grepVsFirst, 1) : '—']);
  if (flatRows.length > 0) {
    out.push(`Time against the ${dictLabel(first)} dictionary's on the same text (median of each round's ratio: a round runs every dictionary in turn)`);
    out.push(table(['text', 'dict', 'kashf', 'grep -F'], flatRows, ['l', 'r']));
    out.push('');
  }

  const same = res.sameNames;
  if (same) {
    out.push(`Same names, larger dictionary: ${sizeLabel(same.bytes)} of the same articles naming only the first 1k entries (${same.mentions} planted`);
    out.push('mentions), which every dictionary holds, so each finds the same names: what remains is the cost of the dictionary\'s size.');
    const base = same.rows[0];
    const srows = same.rows.map((r) => [
      dictLabel(r.dict),
      f1(r.kashf.mbps),
      ratio(r.kashfVsFirst, 1),
      r.kashf.entities,
      r.grep ? f1(r.grep.mbps) : '—',
      r.grepVsFirst != null ? ratio(r.grepVsFirst, 1) : '—',
      r.grep ? r.grep.matches : '—',
      r.kashfGrep != null ? ratio(r.kashfGrep, 1) : '—',
    ]);
    out.push(table(['dict', 'kashf MB/s', `time ÷ ${dictLabel(base.dict)}`, 'kashf entities', 'grep -F MB/s', `time ÷ ${dictLabel(base.dict)}`, 'grep matches', 'kashf÷grep'], srows, ['l']));
    out.push('');
  }

  out.push('Dictionaries (median over the kashf runs; Kashf.create({ builtin: false, entries }) also reads the built-in lexicon)');
  const drows = res.dictionaries.map((d) => [dictLabel(d.entries), d.entries, d.surfaces, ms(d.parseMs), ms(d.createMs), ms(d.regexpBuildMs)]);
  out.push(table(['dict', 'entries', 'surfaces', 'parseDictionary', 'Kashf.create', 'RegExp build+warm'], drows, ['l']));
  out.push('');

  const b = res.builtin;
  out.push(`Built-in dictionaries (${b.entries} entries): Kashf.create() median of ${b.ms.length} = ${ms(b.medianMs)} (first call ${ms(b.ms[0])}); Kashf.create({ builtin: false }) with no entries = ${ms(b.emptyMedianMs)}`);
  const s = res.startup;
  out.push(`Start-up (median of ${s.runs} runs, spawnSync wall time): \`node bin/kashf.js ${s.fileLabel} --format json\` ${ms(s.kashfMedianMs)}, \`node -e ''\` ${ms(s.nodeMedianMs)}, difference ${ms(s.kashfMedianMs - s.nodeMedianMs)}`);
  out.push('');
  out.push(`results: ${res.config.resultsPath}   total wall time ${(res.totalMs / 1000).toFixed(0)} s`);
  return out.join('\n');
}
