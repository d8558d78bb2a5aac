// Arrays of records that V8 sees in one shape, empty or not.
//
// An empty array literal holds small integers as far as V8 knows
// (PACKED_SMI_ELEMENTS) until an object is pushed; `map` makes a holey array.
// Code that meets arrays of records in several of these shapes is compiled
// for one, thrown away when another comes, and compiled again: some
// functions of the searcher were compiled six times a run, which each worker
// thread of --jobs pays again. An array made here starts out as an array of
// objects, and stays one.

/** An empty array that V8 already treats as an array of objects. */
export function objects<T>(): T[] {
  const a = [null] as unknown as T[];
  a.pop();
  return a;
}

/** `f` of each element, into an array of objects (see objects()); what `map` does, in one shape. */
export function mapObjects<S, T>(from: readonly S[], f: (x: S, i: number) => T): T[] {
  const out = objects<T>();
  for (let i = 0; i < from.length; i++) out.push(f(from[i], i));
  return out;
}
