// Regions of memory that a --jobs thread prints its batches into, lent by
// the main thread, which writes them out and frees them: printed output goes
// from a worker to the main thread without being allocated, copied into a
// message or collected. Output passed in messages cost the main thread more
// than writing it (1 GB in 10 kB files, --jobs 2: 7.1 s, against 6.4–6.8 s
// with no output passed at all): every batch's output arrived as a new
// buffer, held in the window of batches until its turn to be written, long
// enough to outlive two minor collections, so that the main thread's heap
// filled with dead buffers and ran 16 full collections a run instead of one.
//
// A worker's slots are one SharedArrayBuffer; the main thread's own batches
// use slots of an ordinary buffer the same way. A batch takes a free slot
// when it starts; one whose output outgrows its slot, or that finds none
// free, prints into the thread's own buffer and is sent as before.

/** What a thread's slots are made of (sent to a worker in its setup). */
export interface SlotMemory {
  bytes: SharedArrayBuffer | ArrayBuffer;
  /** One flag per slot: 1 while free. Only the thread that prints into the slots takes them; the one that writes them out frees them. */
  free: Int32Array;
}

export class OutputSlots {
  readonly size: number;
  private readonly views: Buffer[] = [];

  constructor(readonly memory: SlotMemory) {
    this.size = memory.bytes.byteLength / memory.free.length;
    for (let i = 0; i < memory.free.length; i++) this.views.push(Buffer.from(memory.bytes, i * this.size, this.size));
  }

  /** `count` slots of `size` bytes, shared with a worker thread or not. */
  static create(count: number, size: number, shared: boolean): OutputSlots {
    const Memory = shared ? SharedArrayBuffer : ArrayBuffer;
    const free = new Int32Array(new Memory(Int32Array.BYTES_PER_ELEMENT * count)).fill(1);
    return new OutputSlots({ bytes: new Memory(count * size), free });
  }

  /** A free slot, now taken; -1 when none is free. */
  take(): number {
    const { free } = this.memory;
    for (let i = 0; i < free.length; i++) {
      if (Atomics.load(free, i) === 1) {
        Atomics.store(free, i, 0);
        return i;
      }
    }
    return -1;
  }

  /** The first `length` bytes of slot `i` (all of it by default). */
  view(i: number, length = this.size): Buffer {
    return length === this.size ? this.views[i] : this.views[i].subarray(0, length);
  }

  /** Slot `i` is free again: what was printed in it has been written. */
  free(i: number): void {
    Atomics.store(this.memory.free, i, 1);
  }
}
