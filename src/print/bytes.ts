// JSON written straight to UTF-8 bytes, byte for byte what
// Buffer.from(JSON.stringify(value)) gives, for the plain data the searcher
// and the JSONL input produce (objects, arrays, strings, finite numbers,
// booleans, null; undefined fields left out). On 10 MB of news, writing the
// records this way takes about half the time of JSON.stringify and then
// encoding the string: the UTF-8 of each string is written once, in place,
// and no document-sized string is built.

import { utf8Slice, utf8Write } from '../buffers.js';
import { TEXT_FROM, TEXT_TO, type MaybeDeferred } from '../deferred.js';

/** A string JSON.stringify writes as it is, between quotes: nothing to escape, no lone surrogate. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * Called as hasOwnProperty.call(o, key) inside for-in: V8 then knows the
 * answer for a key from the object's own enumeration and makes no call
 * (Object.hasOwn it does not know: measured at 4 % of writing the output).
 */
const { hasOwnProperty } = Object.prototype;

/** Strings up to this many code units are encoded in JS (see JsonBytes.string). */
const ENCODE_IN_JS = 64;


export class JsonBytes {
  private buf: Buffer;
  private pos = 0;
  /**
   * The bytes the records being written were searched in, while a printer
   * writes a document whose records may have deferred text (see deferred.ts);
   * null otherwise.
   */
  source: Buffer | null = null;

  constructor(capacity = 1 << 16) {
    this.buf = Buffer.allocUnsafe(capacity);
  }

  /** What was written since the last reset, as a view: valid until the next write or reset. */
  view(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }

  reset(): void {
    this.pos = 0;
  }

  /** The JSON of `v`. */
  value(v: unknown): void {
    if (typeof v === 'string') this.string(v);
    else if (typeof v === 'number') this.number(v);
    else if (v === null) this.ascii('null');
    else if (typeof v === 'boolean') this.ascii(v ? 'true' : 'false');
    else if (Array.isArray(v)) {
      this.byte(0x5b);
      for (let i = 0; i < v.length; i++) {
        if (i > 0) this.byte(0x2c);
        // JSON.stringify writes null for what it cannot write in an array.
        const x = v[i];
        if (x === undefined || typeof x === 'function' || typeof x === 'symbol') this.ascii('null');
        else this.value(x);
      }
      this.byte(0x5d);
    } else if (typeof v === 'object') {
      this.byte(0x7b);
      let first = true;
      const o = v as Record<string, unknown>;
      for (const key in o) {
        if (!hasOwnProperty.call(o, key)) continue;
        const x = o[key];
        // The two kinds nearly every field is first, without a second
        // dispatch. Each `typeof x === '…'` is a type check once compiled,
        // where the string of `typeof x` kept in a variable was a call (2 %
        // of a run at 100k entries).
        if (typeof x === 'string') {
          this.field(first, key);
          if (x === '' && key === 'text' && (o as unknown as MaybeDeferred)[TEXT_FROM] !== undefined) this.deferred(o as unknown as MaybeDeferred);
          else this.string(x);
        } else if (typeof x === 'number') {
          this.field(first, key);
          this.number(x);
        } else if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
        else {
          this.field(first, key);
          this.value(x);
        }
        first = false;
      }
      this.byte(0x7d);
    } else {
      // Anything else (bigint) fails as JSON.stringify does.
      this.ascii(JSON.stringify(v));
    }
  }

  /** `,"key":`, without the comma before an object's first field. */
  private field(first: boolean, k: string): void {
    if (!first) this.byte(0x2c);
    this.key(k);
  }

  /**
   * `"key":`. Record keys are short ASCII words, written here a unit at a
   * time; anything else goes through string(). On kashf's records this is
   * 12 % faster than copying bytes kept per key in a Map (the lookup cost
   * more than encoding the few letters again).
   */
  private key(k: string): void {
    const n = k.length;
    if (this.pos + n + 3 > this.buf.length) this.ensure(n + 3);
    const buf = this.buf;
    let p = this.pos;
    buf[p++] = 0x22;
    for (let i = 0; i < n; i++) {
      const c = k.charCodeAt(i);
      if (c < 0x20 || c >= 0x7f || c === 0x22 || c === 0x5c) {
        this.string(k);
        this.byte(0x3a);
        return;
      }
      buf[p++] = c;
    }
    buf[p++] = 0x22;
    buf[p++] = 0x3a;
    this.pos = p;
  }

  /**
   * A string as JSON: quoted, escaped as JSON.stringify escapes it. Strings
   * up to ENCODE_IN_JS units (names, ids, types: nearly every string a record
   * has) are encoded here, a unit at a time, which on kashf's output is about
   * twice as fast as a test for escapes and a call to Buffer's encoder; a
   * string with anything to escape or a surrogate is left to JSON.stringify.
   */
  string(s: string): void {
    const n = s.length;
    this.ensure(n * 3 + 2);
    const buf = this.buf;
    const start = this.pos;
    if (n <= ENCODE_IN_JS) {
      let p = start;
      buf[p++] = 0x22;
      let i = 0;
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c < 0x80) {
          if (c < 0x20 || c === 0x22 || c === 0x5c) break;
          buf[p++] = c;
        } else if (c < 0x800) {
          buf[p++] = 0xc0 | (c >> 6);
          buf[p++] = 0x80 | (c & 0x3f);
        } else if (c >= 0xd800 && c < 0xe000) break;
        else {
          buf[p++] = 0xe0 | (c >> 12);
          buf[p++] = 0x80 | ((c >> 6) & 0x3f);
          buf[p++] = 0x80 | (c & 0x3f);
        }
      }
      if (i === n) {
        buf[p++] = 0x22;
        this.pos = p;
        return;
      }
    } else if (!NEEDS_ESCAPE.test(s)) {
      buf[start] = 0x22;
      this.pos = start + 1 + utf8Write(buf, s, start + 1);
      buf[this.pos++] = 0x22;
      return;
    }
    this.pos = start;
    this.utf8(JSON.stringify(s));
  }

  /** A record's deferred text, from the source bytes: quoted, escaped as JSON.stringify would escape the string they decode to. */
  private deferred(r: MaybeDeferred): void {
    const src = this.source;
    if (src === null) throw new Error('kashf: a record with deferred text was written without the bytes it was searched in');
    const from = r[TEXT_FROM]!;
    const to = r[TEXT_TO]!;
    this.ensure(to - from + 2);
    const buf = this.buf;
    const start = this.pos;
    let p = start;
    buf[p++] = 0x22;
    // Valid UTF-8 has no lone surrogate, so only quotes, backslashes and controls need escaping.
    for (let i = from; i < to; i++) {
      const b = src[i];
      if (b < 0x20 || b === 0x22 || b === 0x5c) {
        this.pos = start;
        this.string(utf8Slice(src, from, to));
        return;
      }
      buf[p++] = b;
    }
    buf[p++] = 0x22;
    this.pos = p;
  }

  number(n: number): void {
    if ((n | 0) === n && n >= 0) {
      // Offsets, lines, columns: written digit by digit, with no string made.
      let digits = 1;
      for (let x = n; x >= 10; x = (x / 10) | 0) digits++;
      this.ensure(digits);
      const buf = this.buf;
      let p = this.pos + digits;
      this.pos = p;
      let x = n;
      do {
        const q = (x / 10) | 0;
        buf[--p] = 0x30 + x - q * 10;
        x = q;
      } while (x > 0);
    } else if (!Number.isFinite(n)) this.ascii('null');
    else this.ascii(String(n));
  }

  /** A string known to be ASCII, written as it is. */
  ascii(s: string): void {
    this.ensure(s.length);
    for (let i = 0; i < s.length; i++) this.buf[this.pos++] = s.charCodeAt(i);
  }

  byte(b: number): void {
    if (this.pos === this.buf.length) this.ensure(1);
    this.buf[this.pos++] = b;
  }

  /** Any string, as UTF-8, written as it is. */
  utf8(s: string): void {
    this.ensure(s.length * 3);
    this.pos += utf8Write(this.buf, s, this.pos);
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }
}
