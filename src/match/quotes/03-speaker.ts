// Step 3: the speaker named by a reporting clause.
//
// Arabic puts the verb first, so the speaker is the noun phrase after the cue:
// «قالت المتحدثة باسم وزارة الخارجية الروسية ماريا زاخاروفا، إن …». The phrase
// ends at punctuation, at أن/إن and at the prepositions and time words that
// follow a subject (في، إلى، خلال، اليوم…), never inside a known name. A phrase
// that opens with a role (dictionaries/lexicon/speaker-roles.tsv) may go on
// through في + a known name and through ل-complements (مسؤول في برنامج الأغذية
// العالمي، وكيل الأمين العام للشؤون الإنسانية توم فليتشر).
//
// In the phrase a person wins (the role before the name is not the speaker);
// after a role, a name no dictionary holds is read from the words that follow
// a definite word or a known name (حاكم منطقة خاركيف أوليغ سينيغوبوف); a phrase
// that opens with a known name is that name; otherwise the phrase as written is
// the speaker (مصدر دبلوماسي، وزارة الخارجية), linked to the organisation it
// names, if any.
//
// «نقلت وكالة تاس عن X قوله» → X, through (via) the agency. A verb with no
// subject after it takes the subject written before it («وكانت الصين وروسيا قد
// أعلنتا…»), the antecedent of الذي/التي («غوتيريس، الذي قال…»), or — at the
// head of its sentence — the previous speaker («وأضاف: …»).

import { foldString } from '../../normalize/index.js';
import type { Cue } from './02-cues.js';
import { foldedWords, type QuoteContext } from './context.js';

export interface SpeakerRef {
  first: number;
  last: number;
  /** Letters of the first token outside the span (proclitics). */
  prefix: number;
  /** The mention the speaker is, or -1. */
  mention: number;
  /** For a role with no name: the organisation mention it speaks for, or -1. */
  org: number;
}

export interface Clause {
  speaker: SpeakerRef | null;
  /** The outlet a quotation came through (نقلت وكالة تاس عن …), or null. */
  via: SpeakerRef | null;
  /** The token that ended the speaker's phrase (أن، إن، :, …). */
  stop: number;
}

/** The longest noun phrase taken as a speaker, in tokens. */
const MAX_PHRASE = 14;

/** Words that end the subject of a reporting verb. */
const STOP = foldedWords(
  'أن إن أنه إنه أنها إنها أنهم إنهم أنهما إنهما بأن بأنه بأنها لأن ' +
    'في إلى على عن من مع خلال عقب بعد قبل أمام عبر أثناء ضمن لدى حول حيال بشأن تجاه منذ حتى ' +
    'فيها فيه عليه عليها له لها لهم لنا لي لك لكم منه منها إليه إليها معه معها عنه عنها به بها ' +
    'ل ب ك ' +
    'اليوم أمس الليلة مساء صباح يوم غدا الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت ' +
    'أيضا كذلك حيث بينما فيما كما قد لقد ما لا لم لن الذي التي ' +
    'طلب طلبت رفض رفضت فضل فضلت ' +
    'قوله قولها قولهم قولهما مؤكدا مضيفا قائلا قائلة موضحا مشيرا معتبرا لافتا مشددا',
);
/** ل-complements that end even a role phrase: the audience or the outlet spoken to. */
const AUDIENCE = foldedWords('للصحفيين للصحافيين للصحافة للإعلام للتلفزيون للإذاعة للتلفزيون للقناة للوكالة للصحيفة');
const RELATIVE = foldedWords('الذي التي الذين اللذان اللتان اللواتي');
/** Forms of كان that open a sentence before its subject (وكانت الصين … قد أعلنت). */
const KANA = foldedWords('كان كانت كانا كانتا كانوا وكان وكانت وكانا وكانتا وكانوا فكان فكانت');
const QAD = foldedWords('قد لقد وقد');
const FI = foldString('في');
const ILA = foldString('إلى');
const AN = foldString('عن');
const NAQALA = foldString('نقل');

interface Phrase {
  first: number;
  last: number;
  prefix: number;
  stop: number;
}

/** Does a role from the lexicon start at token i? Returns its length in tokens, or 0. */
function roleAt(ctx: QuoteContext, i: number): number {
  const t = ctx.tokens;
  if (!ctx.lexicon.roleStartHashes.mayHave(t.hash[i])) return 0;
  const w = t.word(i);
  if (!ctx.lexicon.roleStarts.has(w)) return 0;
  for (const role of ctx.lexicon.roles) {
    if (role[0] !== w) continue;
    let ok = true;
    for (let k = 1; k < role.length && ok; k++) ok = i + k < t.count && t.word(i + k) === role[k];
    if (ok) return role.length;
  }
  return 0;
}

/** Reads the noun phrase starting at token `start` (`prefix` letters of it cut off), up to `limit`. */
function readPhrase(ctx: QuoteContext, start: number, prefix: number, limit: number): Phrase {
  const t = ctx.tokens;
  const stopAt = Math.min(t.count, limit);
  const role = start < stopAt && prefix === 0 && roleAt(ctx, start) > 0;
  let i = start;
  let end = start - 1;
  while (i < stopAt && i - start < MAX_PHRASE && !(i > start && ctx.breaksBefore(i))) {
    const m = ctx.mentionAt[i];
    if (m >= 0) {
      // A known name is never cut.
      if (ctx.mentions[m].last >= stopAt) break;
      end = ctx.mentions[m].last;
      i = end + 1;
      continue;
    }
    if (i > start && ctx.termClose[i] >= 0 && ctx.termClose[i] < stopAt) {
      // A quoted name inside the phrase: قناة «القاهرة الإخبارية».
      end = ctx.termClose[i];
      i = end + 1;
      continue;
    }
    if (role && t.word(i) === '(') {
      // A parenthesised acronym inside a role: المفوض العام للأونروا (الأونروا) فيليب لازاريني.
      let j = i + 1;
      while (j < stopAt && j - i < 8 && t.word(j) !== ')') j++;
      if (j < stopAt && t.word(j) === ')') {
        end = j;
        i = j + 1;
        continue;
      }
      break;
    }
    if (!ctx.isWord(i)) break;
    const w = i === start && prefix > 0 ? t.word(i).slice(prefix) : t.word(i);
    if (role && (w === FI || w === ILA) && ctx.mentionAt[i + 1] >= 0) {
      // مسؤولة السياسة الخارجية في الاتحاد الأوروبي كايا كالاس، المبعوث الأممي إلى اليمن هانس غروندبرغ
      end = i;
      i++;
      continue;
    }
    if (STOP.has(w)) break;
    if (i > start && w.startsWith('ل') && (AUDIENCE.has(w) || isOutlet(ctx, w))) break;
    // Outside a role, a complement with ل + ال (للصحفيين) ends the subject.
    if (!role && i > start && w.startsWith('لل')) break;
    end = i;
    i++;
  }
  return { first: start, last: end, prefix, stop: i };
}

/** لوكالة، لصحيفة، لقناة: ل + a noun that names an outlet. */
function isOutlet(ctx: QuoteContext, w: string): boolean {
  return w.length > 3 && ctx.lexicon.termNouns.has(w.slice(1));
}

/** The reporting clause after a cue: speaker, outlet (via) and where the phrase stopped. */
export function clauseAfter(ctx: QuoteContext, cue: Cue, limit: number): Clause {
  // وفقاً للوكالة: the speaker starts inside the token, after the preposition.
  const p = readPhrase(ctx, cue.last + 1, cue.glued, limit);
  if (p.stop < ctx.tokens.count && ctx.text(p.stop) === AN && cue.lemma !== undefined && foldString(cue.lemma) === NAQALA) {
    // نقلت وكالة تاس عن X قوله: X speaks, the agency carries it.
    const q = readPhrase(ctx, p.stop + 1, 0, limit);
    const via = p.last >= p.first ? pick(ctx, p) : null;
    return { speaker: q.last >= q.first ? pick(ctx, q) : null, via, stop: q.stop };
  }
  return { speaker: p.last >= p.first ? pick(ctx, p) : null, via: null, stop: p.stop };
}

/**
 * The subject written before a verb: «وكانت الصين وروسيا قد أعلنتا» or the
 * antecedent of a relative pronoun: «أنطونيو غوتيريس، الذي قال».
 */
export function speakerBefore(ctx: QuoteContext, cue: Cue): SpeakerRef | null {
  let last = cue.first - 1;
  // Subject then verb: «الرئيس بوتين قال لنا …».
  const subject = last >= 0 ? ctx.mentionAt[last] : -1;
  if (subject >= 0 && ctx.typeOf(subject) !== 'LOC') return ofMention(ctx, subject);
  if (last >= 0 && ctx.isWord(last) && RELATIVE.has(ctx.text(last))) {
    let i = last - 1;
    while (i >= 0 && !ctx.isWord(i) && ctx.text(i) === '،') i--;
    for (let k = i; k >= 0 && i - k < 6; k--) {
      const m = ctx.mentionAt[k];
      if (m >= 0 && ctx.typeOf(m) !== 'LOC') return ofMention(ctx, m);
    }
    return null;
  }
  while (last >= 0 && ctx.isWord(last) && QAD.has(ctx.text(last))) last--;
  let first = last;
  while (first >= 0 && ctx.isWord(first) && !KANA.has(ctx.text(first)) && cue.first - first <= 6 && !ctx.breaksBefore(first + 1)) first--;
  if (first < 0 || !ctx.isWord(first) || !KANA.has(ctx.text(first))) return null;
  first++;
  if (first > last) return null;
  // Only a subject that is a known name, or a list of them.
  let m1 = -1;
  let m2 = -1;
  for (let i = first; i <= last; i++) {
    const m = ctx.mentionAt[i];
    if (m < 0) continue;
    if (m1 < 0) m1 = m;
    m2 = m;
  }
  if (m1 < 0) return null;
  const a = ctx.mentions[m1];
  const b = ctx.mentions[m2];
  return { first: a.first, last: b.last, prefix: a.prefix, mention: m1 === m2 ? m1 : -1, org: -1 };
}

function pick(ctx: QuoteContext, p: Phrase): SpeakerRef {
  const { first, last, prefix } = p;
  let firstPerson = -1;
  let firstOrg = -1;
  for (let i = first; i <= last; i++) {
    const m = ctx.mentionAt[i];
    if (m < 0) continue;
    const type = ctx.typeOf(m);
    if (type === 'PER' && firstPerson < 0) firstPerson = m;
    if (type === 'ORG' && firstOrg < 0) firstOrg = m;
  }
  if (firstPerson >= 0) return ofMention(ctx, firstPerson);
  // The phrase opens with a name, or with a noun that introduces one (وكالة تاس، صحيفة الأهرام).
  const lead = ctx.mentionAt[first];
  if (lead >= 0 && ctx.mentions[lead].first === first && (prefix === 0 || ctx.mentions[lead].prefix === prefix)) return ofMention(ctx, lead);
  const named = first < last && ctx.lexicon.termNouns.has(ctx.text(first)) ? ctx.mentionAt[first + 1] : -1;
  if (named >= 0 && ctx.mentions[named].first === first + 1) return ofMention(ctx, named);
  if (prefix === 0 && roleAt(ctx, first) > 0) {
    const name = trailingName(ctx, first, last);
    if (name !== null) return { first: name, last, prefix: 0, mention: -1, org: -1 };
  }
  return { first, last, prefix, mention: -1, org: firstOrg };
}

/**
 * After a role, a name no dictionary holds: the last words of the phrase,
 * after a definite word or a known name, the first of them without ال
 * (… العراقي محمد شياع السوداني, … خاركيف أوليغ سينيغوبوف).
 */
function trailingName(ctx: QuoteContext, first: number, last: number): number | null {
  let k = last;
  while (k > first && ctx.isWord(k) && ctx.mentionAt[k] < 0 && (k === last || !ctx.text(k).startsWith('ال'))) k--;
  // k is now the word before the candidate name.
  const start = k + 1;
  const length = last - start + 1;
  if (length < 2 || length > 4 || start <= first) return null;
  if (ctx.text(start).startsWith('ال')) return null;
  const before = k;
  if (ctx.mentionAt[before] < 0 && !(ctx.isWord(before) && ctx.text(before).startsWith('ال'))) return null;
  return start;
}

function ofMention(ctx: QuoteContext, m: number): SpeakerRef {
  const x = ctx.mentions[m];
  return { first: x.first, last: x.last, prefix: x.prefix, mention: m, org: -1 };
}
