// Deterministic synthetic data for the benchmark: Arabic news-like text and
// dictionaries in kashf's five-column format. Everything comes from one seeded
// PRNG (sfc32), so the same seed gives byte-identical files on every machine.
// Nothing here times anything; run.mjs does that.
//
// The text is a stream of articles (a headline line, then 2–5 paragraphs of
// 2–4 sentences) of 2.4 KB on average, 90 % of them between 1.2 and 3.9 KB.
// Paragraphs are separated by one blank line and articles by two
// (ARTICLE_SEPARATOR), the way a plain-text news dump would keep them; the
// benchmark splits on that separator to get documents.
//
// Dictionaries are prefixes of one list of synthetic entries, so the 1k
// dictionary is the first thousand entries of the 10k one, and so on. The text
// mentions entries from three tiers (60 % among the first 1 000, 25 % among
// 1 000–9 999, 15 % among 10 000–99 999), so a larger dictionary finds more.
// A second text (SAME_NAMES) mentions only the first thousand entries, which
// every dictionary holds: there a larger dictionary finds the same names, and
// what it costs is the size of the dictionary alone.

import { closeSync, openSync, writeSync } from 'node:fs';

export const GENERATOR_VERSION = 4;
export const ARTICLE_SEPARATOR = '\n\n\n';
/** Tier bounds for planted mentions: a mention of entry i is findable with a dictionary of n entries when i < n. */
export const TIERS = [1_000, 10_000, 100_000];
const TIER_WEIGHTS = [0.6, 0.25, 0.15];
/** Tier weights for the same-names text: every mention among the first 1 000 entries. */
export const SAME_NAMES = [1, 0, 0];

// ---------------------------------------------------------------------------
// PRNG

/** A 128-bit seed from a string (cyrb128). */
function seedFrom(str) {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}

export function makeRng(seed) {
  let [a, b, c, d] = seedFrom(String(seed));
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  return {
    next,
    int: (n) => Math.floor(next() * n),
    range: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    chance: (p) => next() < p,
  };
}

// ---------------------------------------------------------------------------
// Vocabulary: common words of Arabic news prose (not names).

const VOCAB = (
  'في من إلى على عن مع أن إن التي الذي هذا هذه ذلك تلك بين بعد قبل خلال حول ضد عند منذ حتى لكن كما ' +
  'أيضا وقد قد لم لن ما لا كان كانت يكون تكون هناك هنا اليوم أمس غدا الأسبوع الشهر العام الماضي المقبل الحالي ' +
  'الحكومة الوزير وزير وزيرة الوزارة الرئيس رئيس الرئاسة البرلمان المجلس النواب الشعب الدولة الدول العربية ' +
  'الخارجية الداخلية الدفاع المالية الاقتصاد الاقتصادية السياسة السياسية الأمن الأمنية القوات الجيش الشرطة ' +
  'المفاوضات الاتفاق الاتفاقية القمة المؤتمر الاجتماع اللقاء الزيارة الوفد الجانبين الطرفين الأطراف العلاقات ' +
  'الثنائية التعاون الشراكة الاستثمار التجارة الصادرات الواردات النفط الغاز الطاقة الأسعار السوق الأسواق البورصة ' +
  'البنك المركزي الفائدة التضخم النمو الموازنة الميزانية الديون المساعدات الإنسانية اللاجئين النازحين المدنيين ' +
  'الضحايا القتلى الجرحى الهجوم الهجمات الغارات القصف الاشتباكات المعارك الهدنة وقف إطلاق النار السلام الحرب ' +
  'الأزمة الأزمات التوتر التصعيد الاحتجاجات المظاهرات الانتخابات التشريعية الرئاسية الدستور القانون المحكمة ' +
  'القضاء العدالة حقوق الإنسان الحريات الصحافة الإعلام وكالة الأنباء مصادر مصدر مطلع المتحدث باسم بيان البيان ' +
  'تصريحات تصريح مؤتمر صحفي رسمي رسمية مسؤول مسؤولون مسؤولة الدولي الدولية الإقليمي الإقليمية المنطقة العالم ' +
  'العالمي مجلس الأمن الأمم المتحدة الاتحاد الأوروبي الجامعة المنظمة المنظمات الشركة الشركات المشروع المشاريع ' +
  'البنية التحتية الصحة التعليم الجامعات المدارس المستشفيات الوباء اللقاحات المياه الزراعة الغذاء الأمن الغذائي ' +
  'المناخ البيئة الكهرباء النقل الطرق المطار الميناء الحدود المعابر الجنوب الشمال الشرق الغرب العاصمة المدينة ' +
  'المدن القرى المحافظة الولاية الإقليم المنطقة الحدودية الأراضي السكان المواطنين المواطنون الشباب النساء الأطفال ' +
  'العمال البطالة الرواتب الأجور الضرائب الإصلاحات الخطة الاستراتيجية البرنامج المبادرة القرار القرارات العقوبات ' +
  'الإجراءات التدابير الخطوة الخطوات المرحلة الجديدة الجديد الكبير الكبرى الأولى الثانية الثالثة الأخيرة عدد عدة ' +
  'مليون مليار دولار يورو بالمئة نحو حوالي أكثر أقل جميع كل بعض معظم أغلب أكبر أهم ضرورة أهمية دعم تعزيز تطوير ' +
  'تنفيذ متابعة مناقشة بحث بحثا دراسة إعداد تقديم إطلاق افتتاح توقيع استئناف تعليق رفض قبول إدانة ترحيب قلق ' +
  'مخاوف تحذير تحذيرات دعوة دعوات مطالبة مطالب جهود الجهود مساعي الوساطة الحوار الحل السياسي التسوية الشامل ' +
  'العادل الدائم المستدامة الفترة الساعات الأيام الأسابيع الأشهر السنوات الماضية المقبلة الأخيرة حيث بينما إذ ' +
  'وذلك وهو وهي ولا وفي ومن وعلى وإلى فيما كذلك بدوره بدورها من جهته من جهتها في المقابل في الوقت نفسه'
).split(' ');

const CONNECTORS = ['وفي', 'ومن', 'في حين', 'كما', 'بينما', 'إلى جانب', 'فيما', 'بعد أن', 'من أجل'];

/** Reporting verbs, as written in news (with and without the conjunction). */
const VERBS = [
  'قال', 'قالت', 'أضاف', 'أضافت', 'أكد', 'أكدت', 'أوضح', 'أوضحت', 'أشار', 'أشارت',
  'صرح', 'صرحت', 'ذكر', 'ذكرت', 'أعلن', 'أعلنت', 'اعتبر', 'اعتبرت', 'وصف', 'وصفت',
];
const ROLES = ['وزير الخارجية', 'المتحدث باسم الحكومة', 'رئيس الوزراء', 'الأمين العام', 'المتحدثة باسم الوزارة', 'السفير', 'المندوب الدائم', 'رئيس المجلس'];
const QUOTE_MARKS = [
  ['«', '»'],
  ['«', '»'],
  ['\u201C', '\u201D'],
  ['"', '"'],
];

// ---------------------------------------------------------------------------
// Names

const CONSONANTS = 'بتثجحخدذرزسشصضطظعغفقكلمنهوي'.split('');
const COMMON = 'بتدرزسكلمنفقحشي'.split(''); // weighted towards frequent letters
const LONG = ['ا', 'و', 'ي', '', '', ''];

function syllable(r) {
  const c = r.chance(0.6) ? r.pick(COMMON) : r.pick(CONSONANTS);
  return c + r.pick(LONG);
}

function nameWord(r, { article = false } = {}) {
  let w = '';
  const n = r.range(2, 4);
  for (let i = 0; i < n; i++) w += syllable(r);
  if (r.chance(0.15)) w = 'أ' + w;
  else if (r.chance(0.05)) w = 'إ' + w;
  const end = r.next();
  if (end < 0.12) w += 'ة';
  else if (end < 0.2) w += 'ى';
  if (article) w = 'ال' + w;
  return w;
}

const TYPES = ['PER', 'PER', 'PER', 'ORG', 'ORG', 'LOC', 'LOC'];

/** Folded form for uniqueness checks: the letter folds kashf applies to these letters. */
function fold(s) {
  return s.replace(/[أإآ]/g, 'ا').replace(/ة/g, 'ه').replace(/[ىئ]/g, 'ي').replace(/ؤ/g, 'و');
}

/**
 * `count` synthetic entries: { id, type, canonical, english, aliases[] }.
 * Surfaces (folded) are unique across all entries and never equal a
 * vocabulary word, so every planted mention names exactly one entry.
 */
export function generateEntries(count, seed) {
  const r = makeRng(`${seed}/entries`);
  // Nor what is left of a common word once kashf tries cutting a proclitic (وزير → زير).
  const taken = new Set();
  for (const v of [...VOCAB, ...VERBS, ...ROLES.flatMap((x) => x.split(' '))]) {
    taken.add(fold(v));
    taken.add(fold(v.slice(1)));
    taken.add(fold(v.slice(2)));
  }
  const entries = [];
  const fresh = (s) => {
    const f = fold(s);
    if (taken.has(f)) return false;
    taken.add(f);
    return true;
  };
  while (entries.length < count) {
    const type = r.pick(TYPES);
    const u = r.next();
    const words = u < 0.25 ? 1 : u < 0.65 ? 2 : u < 0.9 ? 3 : 4;
    const parts = [];
    for (let i = 0; i < words; i++) parts.push(nameWord(r, { article: type !== 'PER' && i === 0 && r.chance(0.5) }));
    const canonical = parts.join(' ');
    if (words === 1 && canonical.length < 4) continue;
    if (!fresh(canonical)) continue;
    const aliases = [];
    // A spelling variant written in full (hamza dropped or ة as ه).
    if (r.chance(0.3)) {
      const v = canonical.replace(/^أ/, 'ا').replace(/ة$/, 'ه');
      if (v !== canonical) aliases.push(v); // folds alike: kashf dedupes it, the baselines need it
    }
    // A short form: a person's surname, an organisation's first word.
    if (words >= 2 && r.chance(0.4)) {
      const short = type === 'PER' ? parts[parts.length - 1] : parts[0];
      if (short.length >= 5 && fresh(short)) aliases.push(short);
    }
    const i = entries.length;
    entries.push({ id: `bench-${i}`, type, canonical, english: `Bench ${type} ${i}`, aliases });
  }
  return entries;
}

export function dictionaryText(entries, n) {
  const lines = ['# Synthetic benchmark dictionary (kashf bench/gen.mjs). id\ttype\tcanonical\tenglish\taliases'];
  for (let i = 0; i < n; i++) {
    const e = entries[i];
    lines.push(`${e.id}\t${e.type}\t${e.canonical}\t${e.english}\t${e.aliases.join('|')}`);
  }
  return lines.join('\n') + '\n';
}

/** Every surface of the first n entries, each once (canonical and aliases as written). */
export function aliasList(entries, n) {
  const out = new Set();
  for (let i = 0; i < n; i++) {
    out.add(entries[i].canonical);
    for (const a of entries[i].aliases) out.add(a);
  }
  return [...out];
}

// ---------------------------------------------------------------------------
// Surface noise: what real text does to names and words.

const HARAKAT = ['\u064E', '\u064F', '\u0650', '\u0652', '\u0651', '\u064B'];

function withHarakat(r, w) {
  let out = '';
  for (const ch of w) {
    out += ch;
    if (r.chance(0.35)) out += r.pick(HARAKAT);
  }
  return out;
}

const NON_JOINING = new Set('اأإآدذرزوؤةى'.split(''));

function withTatweel(r, w) {
  const chars = [...w];
  const spots = [];
  for (let i = 0; i < chars.length - 1; i++) if (!NON_JOINING.has(chars[i])) spots.push(i);
  if (spots.length === 0) return w;
  const at = r.pick(spots);
  chars[at] += 'ـ'.repeat(r.range(1, 3));
  return chars.join('');
}

/** Spelling variants newsrooms actually vary on: hamza on alif, ta marbuta, alif maqsura. */
function variant(r, w) {
  let out = w;
  if (r.chance(0.6)) out = out.replace(/[أإ]/g, 'ا');
  else if (/^ا/.test(out) && !/^ال/.test(out)) out = 'أ' + out.slice(1);
  if (r.chance(0.6)) out = out.replace(/ة$/, 'ه');
  if (r.chance(0.6)) out = out.replace(/ى$/, 'ي');
  return out;
}

function noisyWord(r, w, rates) {
  let out = w;
  if (r.chance(rates.variant)) out = variant(r, out);
  if (r.chance(rates.harakat)) out = withHarakat(r, out);
  if (r.chance(rates.tatweel)) out = withTatweel(r, out);
  return out;
}

const PLAIN_CLITICS = ['و', 'ب', 'ل', 'ف', 'وب', 'ول', 'ك'];

/** A name with a proclitic glued to its first word: و/ب/ل… or, for names with ال, لل/وال/بال/ولل. */
function withClitic(r, name) {
  if (name.startsWith('ال')) {
    // The article's alif goes after ل: ل + الصين = للصين.
    return r.pick(['لل', 'وال', 'بال', 'ولل', 'فال']) + name.slice(2);
  }
  return r.pick(PLAIN_CLITICS) + name;
}

// ---------------------------------------------------------------------------
// Text

/**
 * Writes articles to one or more files at once: the file for target size s
 * receives the first articles of the stream until it reaches s bytes (never
 * cutting an article), so each smaller file is a prefix of the larger ones.
 * Returns per-file stats: bytes, articles, planted mentions per dictionary
 * tier, planted quotations between marks (quotes) and reported speech (reported).
 * `tierWeights` (e.g. SAME_NAMES) changes which entries are mentioned, not
 * where: the same seed gives the same articles, sentences and quotations.
 */
export function generateText({ entries, seed, targets, tierWeights = TIER_WEIGHTS }) {
  const r = makeRng(`${seed}/text`);
  const sorted = [...targets].sort((a, b) => a.bytes - b.bytes);
  const fds = sorted.map((t) => openSync(t.path, 'w'));
  const stats = sorted.map((t) => ({ path: t.path, target: t.bytes, bytes: 0, articles: 0, mentions: {}, quotes: 0, reported: 0 }));
  const tierCounts = TIERS.map(() => 0);
  let quotes = 0;
  let reported = 0;
  let bytes = 0;
  let articles = 0;
  const tierStart = [0, ...TIERS.slice(0, -1)];
  const maxEntry = entries.length;

  const pickEntry = () => {
    let u = r.next();
    let t = 0;
    while (t < TIERS.length - 1 && u >= tierWeights[t]) u -= tierWeights[t++];
    const lo = tierStart[t];
    const hi = Math.min(TIERS[t], maxEntry);
    const i = lo + r.int(Math.max(1, hi - lo));
    tierCounts[t]++;
    return entries[i];
  };
  const mention = () => {
    const e = pickEntry();
    const forms = [e.canonical, ...e.aliases];
    let name = r.pick(forms);
    const rates = { variant: 0.15, harakat: 0.08, tatweel: 0.04 };
    name = name.split(' ').map((w) => noisyWord(r, w, rates)).join(' ');
    if (r.chance(0.2)) name = withClitic(r, name);
    return name;
  };
  const word = () => noisyWord(r, r.pick(VOCAB), { variant: 0.05, harakat: 0.06, tatweel: 0.02 });
  const words = (lo, hi, nameRate) => {
    const out = [];
    const n = r.range(lo, hi);
    for (let i = 0; i < n; i++) {
      out.push(r.chance(nameRate) ? mention() : word());
      if (i > 2 && i < n - 2 && r.chance(0.06)) out[out.length - 1] += '،';
    }
    return out.join(' ');
  };
  const sentence = () => {
    const u = r.next();
    if (u < 0.18) {
      // Direct quotation after the speaker: قال فلان: «…».
      quotes++;
      const [o, c] = r.pick(QUOTE_MARKS);
      const verb = (r.chance(0.4) ? 'و' : '') + r.pick(VERBS);
      const speaker = r.chance(0.75) ? mention() : r.pick(ROLES);
      return `${verb} ${speaker}${r.chance(0.5) ? ' ' + words(1, 3, 0) : ''}: ${o}${words(6, 22, 0.05)}${o === '«' && r.chance(0.1) ? ' ' + '"' + words(2, 5, 0) + '"' : ''}${c}.`;
    }
    if (u < 0.26) {
      // Quotation first, attribution after: «…»، قال فلان.
      quotes++;
      const [o, c] = r.pick(QUOTE_MARKS);
      return `${o}${words(6, 18, 0.05)}${c}، ${r.pick(VERBS)} ${mention()}.`;
    }
    if (u < 0.34) {
      // Reported speech: وأكد فلان أن …
      reported++;
      return `${r.chance(0.5) ? 'و' : ''}${r.pick(VERBS)} ${mention()} أن ${words(6, 16, 0.05)}.`;
    }
    return `${r.chance(0.3) ? r.pick(CONNECTORS) + ' ' : ''}${words(8, 24, 0.07)}.`;
  };
  const paragraph = () => {
    const n = r.range(2, 4);
    const out = [];
    for (let i = 0; i < n; i++) out.push(sentence());
    return out.join(' ');
  };
  const article = () => {
    const parts = [words(5, 10, 0.15)];
    const n = r.range(2, 5);
    for (let i = 0; i < n; i++) parts.push(paragraph());
    return parts.join('\n\n');
  };

  let next = 0; // first file not yet full
  const last = sorted[sorted.length - 1].bytes;
  while (bytes < last) {
    tierCounts.fill(0);
    quotes = 0;
    reported = 0;
    const text = (articles > 0 ? ARTICLE_SEPARATOR : '') + article();
    const buf = Buffer.from(text, 'utf8');
    for (let f = next; f < sorted.length; f++) {
      writeSync(fds[f], buf);
      const s = stats[f];
      s.bytes += buf.length;
      s.articles++;
      s.quotes += quotes;
      s.reported += reported;
      TIERS.forEach((t, k) => (s.mentions[t] = (s.mentions[t] ?? 0) + tierCounts[k]));
    }
    bytes += buf.length;
    articles++;
    while (next < sorted.length && bytes >= sorted[next].bytes) {
      writeSync(fds[next], '\n');
      stats[next].bytes += 1;
      next++;
    }
  }
  fds.forEach((fd) => closeSync(fd));
  // Planted mentions findable with a dictionary of n entries: the tiers below n.
  for (const s of stats) {
    const perTier = TIERS.map((t) => s.mentions[t]);
    s.mentions = {};
    let acc = 0;
    TIERS.forEach((t, k) => {
      acc += perTier[k];
      s.mentions[t] = acc;
    });
  }
  return stats;
}
