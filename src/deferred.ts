// Record text left in the input, for a printer that writes it from there.
//
// ripgrep's searcher reports where a match is and its printer writes the
// match's bytes from the searched buffer. kashf's records carry their text
// as a string, for scripts; but when the only reader of a record is the JSONL
// printer, handed the same UTF-8 bytes the searcher read, making that string
// (decoding the bytes) and writing it (encoding it again) is wasted: on the
// benchmark's articles that round trip was about a fifth of the run. So the
// command line may ask the searcher to defer the text of entities,
// quotations and speakers: the record's `text` is then the empty string (no
// record's text is ever empty otherwise) and the record holds its bytes'
// span under these symbols, which JSON.stringify, for…in and Object.keys do
// not see. Such records go only to a printer that says it writes text from
// bytes (Printer.textFromBytes), with the bytes they were searched in; they
// are never handed to scripts, to worker messages or to other printers.

/** Where a deferred record's text starts in the searched bytes. */
export const TEXT_FROM = Symbol('kashf.textFrom');
/** Where it ends (exclusive). */
export const TEXT_TO = Symbol('kashf.textTo');

/** A record whose text may be deferred. */
export interface MaybeDeferred {
  text: string;
  [TEXT_FROM]?: number;
  [TEXT_TO]?: number;
}

/** Leaves `r`'s text in bytes [from, to) of the searched input. */
export function deferText(r: MaybeDeferred, from: number, to: number): void {
  r[TEXT_FROM] = from;
  r[TEXT_TO] = to;
}
