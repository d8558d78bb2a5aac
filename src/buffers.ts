// Buffer's own UTF-8 reader and writer, without the argument handling of
// buf.toString() and buf.write(), which cost more than the decoding or
// encoding itself on the short strings kashf reads and writes by the million
// (a record's text, a JSON string). Node has had both on every Buffer since
// 0.x; toString() and write() are the fallbacks should they go.

type Utf8Slice = (this: Buffer, start: number, end: number) => string;
type Utf8Write = (this: Buffer, s: string, offset: number) => number;

const proto = Buffer.prototype as unknown as { utf8Slice?: Utf8Slice; utf8Write?: Utf8Write };

const slice: Utf8Slice =
  proto.utf8Slice ??
  function (this: Buffer, start: number, end: number): string {
    return this.toString('utf8', start, end);
  };

const write: Utf8Write =
  proto.utf8Write ??
  function (this: Buffer, s: string, offset: number): number {
    return this.write(s, offset);
  };

/** The text of b[start, end), which must be whole UTF-8 characters. */
export function utf8Slice(b: Buffer, start: number, end: number): string {
  return slice.call(b, start, end);
}

/** Writes `s` as UTF-8 into b at `offset` (room for s.length × 3 bytes is the caller's to make); returns the bytes written. */
export function utf8Write(b: Buffer, s: string, offset: number): number {
  return write.call(b, s, offset);
}
