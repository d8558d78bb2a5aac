// Stage 1: normalisation. Folds Arabic letter forms, diacritics, tatweel,
// presentation forms and invisible controls, and splits text into tokens that
// remember their place in the original. It never changes the input and never
// decides what is an entity: that is match/'s job.

export { charClass, foldString } from './chars.js';
export { tokenize, TokenBuffer, HashFilter, hashString, hashPrepend, hashDropFront, offsetAfterFolded, GAP_NONE, GAP_SPACE, GAP_BREAK, KIND_WORD, KIND_SYMBOL } from './tokenize.js';
export type { Tokens } from './tokenize.js';
