// Buffer's own UTF-8 reader and writer, without the argument handling of
// buf.toString() and buf.write(), which cost more than the decoding or
// encoding itself on the short strings kashf reads and writes by the million
// (a record's text, a JSON string). Node has had both on every Buffer since
// 0.x; toString() and write() are the fallbacks should they go.

/** A Buffer as Node makes it, with its own UTF-8 methods. */
interface NodeBuffer extends Buffer {
  utf8Slice(start: number, end: number): string;
  utf8Write(s: string, offset: number): number;
}

// Called as methods, not through .call(): V8 then calls Node's C++ directly.
const native = typeof (Buffer.prototype as Partial<NodeBuffer>).utf8Slice === 'function' && typeof (Buffer.prototype as Partial<NodeBuffer>).utf8Write === 'function';

/** The text of b[start, end), which must be whole UTF-8 characters. */
export function utf8Slice(b: Buffer, start: number, end: number): string {
  return native ? (b as NodeBuffer).utf8Slice(start, end) : b.toString('utf8', start, end);
}

/** Writes `s` as UTF-8 into b at `offset` (room for s.length × 3 bytes is the caller's to make); returns the bytes written. */
export function utf8Write(b: Buffer, s: string, offset: number): number {
  return native ? (b as NodeBuffer).utf8Write(s, offset) : b.write(s, offset);
}
