// JSON written straight to UTF-8 bytes, byte for byte what
// Buffer.from(JSON.stringify(value)) gives, for the plain data the searcher
// and the JSONL input produce (objects, arrays, strings, finite numbers,
// booleans, null; undefined fields left out). On 10 MB of news, writing the
// records this way takes about half the time of JSON.stringify and then
// encoding the string: the UTF-8 of each string is written once, in place,
// and no document-sized string is built.

import { utf8Write } from '../buffers.js';

/** A string JSON.stringify writes as it is, between quotes: nothing to escape, no lone surrogate. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** Keys as `"key":`, encoded once: records have a handful of keys, written millions of times. */
const KEYS_CACHED = 4096;

export class JsonBytes {
  private buf: Buffer;
  private pos = 0;
  private readonly keys = new Map<string, Uint8Array>();

  constructor(capacity = 1 << 16) {
    this.buf = Buffer.allocUnsafe(capacity);
  }

  /** Bytes written so far. */
  get length(): number {
    return this.pos;
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
        if (!Object.hasOwn(o, key)) continue;
        const x = o[key];
        if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
        if (!first) this.byte(0x2c);
        first = false;
        this.key(key);
        this.value(x);
      }
      this.byte(0x7d);
    } else {
      // Anything else (bigint) fails as JSON.stringify does.
      this.ascii(JSON.stringify(v));
    }
  }

  /** `"key":` */
  private key(k: string): void {
    let b = this.keys.get(k);
    if (b === undefined) {
      const start = this.pos;
      this.string(k);
      this.byte(0x3a);
      if (this.keys.size < KEYS_CACHED) this.keys.set(k, Uint8Array.prototype.slice.call(this.buf, start, this.pos));
      return;
    }
    this.ensure(b.length);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < b.length; i++) buf[p++] = b[i];
    this.pos = p;
  }

  /** A string as JSON: quoted, escaped as JSON.stringify escapes it. */
  string(s: string): void {
    if (NEEDS_ESCAPE.test(s)) {
      this.utf8(JSON.stringify(s));
      return;
    }
    this.ensure(s.length * 3 + 2);
    this.buf[this.pos++] = 0x22;
    this.pos += utf8Write(this.buf, s, this.pos);
    this.buf[this.pos++] = 0x22;
  }

  number(n: number): void {
    if (!Number.isFinite(n)) this.ascii('null');
    else if (n >= 0 && n < 10 && Number.isInteger(n)) this.byte(0x30 + n);
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
