// Step 3: the speaker named by a reporting clause.
//
// Arabic puts the verb first, so the speaker is the noun phrase after the cue:
// «قالت المتحدثة باسم وزارة الخارجية الروسية ماريا زاخاروفا، إن …». The phrase
// ends at punctuation, at أن/إن and at the prepositions and time words that
// follow a subject (في، إلى، خلال، اليوم…), but never inside a known name. In
// the phrase, a person wins (the role before the name is not the speaker); a
// phrase that opens with a known name is that name; a phrase with no name is
// the speaker as written (مصدر دبلوماسي، وزارة الخارجية), linked to the
// organisation it names if any. A verb with nothing after it takes the subject
// written before it («وكانت الصين وروسيا قد أعلنتا…») or, at the head of its
// sentence, the previous speaker («وأضاف: …»).

import { foldString } from '../../normalize/index.js';
import type { Cue } from './02-cues.js';
import type { QuoteContext } from './context.js';

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

/** The longest noun phrase taken as a speaker, in tokens. */
const MAX_PHRASE = 12;

const folded = (words: string): Set<string> => new Set(words.split(/\s+/).map((w) => foldString(w)));

/** Words that end the subject of a reporting verb. */
const STOP = folded(
  'أن إن أنه إنه أنها إنها أنهم إنهم أنهما بأن بأنه بأنها لأن ' +
    'في إلى على عن مع خلال عقب بعد قبل أمام عبر أثناء ضمن لدى حول حيال بشأن تجاه منذ حتى ' +
    'اليوم أمس الليلة مساء صباح يوم غدا الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت ' +
    'أيضا كذلك حيث بينما فيما كما قد لقد ما لا لم لن ' +
    'مؤكدا مضيفا قائلا موضحا مشيرا معتبرا لافتا مشددا',
);

/** Forms of كان that open a sentence before its subject (وكانت الصين … قد أعلنت). */
const KANA = folded('كان كانت كانا كانتا كانوا وكان وكانت وكانا وكانتا وكانوا فكان فكانت');
const QAD = folded('قد لقد وقد');

/** The speaker after a cue, looking no further than token `limit` (exclusive). */
export function speakerAfter(ctx: QuoteContext, cue: Cue, limit: number): SpeakerRef | null {
  const t = ctx.tokens;
  let i = cue.last + 1;
  // وفقاً للوكالة: the speaker starts inside the token, after the preposition.
  const prefix = cue.glued;
  const start = i;
  let end = i - 1;
  const stopAt = Math.min(t.count, limit);
  while (i < stopAt && i - start < MAX_PHRASE && !(i > start && ctx.breaksBefore(i))) {
    const m = ctx.mentionAt[i];
    if (m >= 0) {
      // A known name is never cut.
      if (ctx.mentions[m].last >= stopAt) break;
      end = ctx.mentions[m].last;
      i = end + 1;
      continue;
    }
    if (!ctx.isWord(i)) break;
    const w = i === start && prefix > 0 ? t.text[i].slice(prefix) : t.text[i];
    if (STOP.has(w)) break;
    // A complement with ل + ال (للصحفيين، للوكالة) ends the subject.
    if (i > start && w.startsWith('لل')) break;
    end = i;
    i++;
  }
  if (end < start) return null;
  return pick(ctx, start, end, prefix);
}

/** The subject written before a verb: «وكانت الصين وروسيا قد أعلنتا». */
export function speakerBefore(ctx: QuoteContext, cue: Cue): SpeakerRef | null {
  let last = cue.first - 1;
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

function pick(ctx: QuoteContext, first: number, last: number, prefix: number): SpeakerRef {
  let firstPerson = -1;
  let firstOrg = -1;
  for (let i = first; i <= last; i++) {
    const m = ctx.mentionAt[i];
    if (m < 0) continue;
    const type = ctx.mentions[m].type;
    if (type === 'PER' && firstPerson < 0) firstPerson = m;
    if (type === 'ORG' && firstOrg < 0) firstOrg = m;
  }
  if (firstPerson >= 0) return ofMention(ctx, firstPerson);
  const lead = ctx.mentionAt[first];
  if (lead >= 0) return ofMention(ctx, lead);
  return { first, last, prefix, mention: -1, org: firstOrg };
}

function ofMention(ctx: QuoteContext, m: number): SpeakerRef {
  const x = ctx.mentions[m];
  return { first: x.first, last: x.last, prefix: x.prefix, mention: m, org: -1 };
}
