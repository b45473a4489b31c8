// The in-file duplicate keys of one customer import preview (name keys, phones, tax ids → the first row
// that had each): 300,000 keys for 100,000 rows, held for the whole preview. As a Map of strings they
// were ~30 MB of live heap, and V8 sizes its old generation at about four times the live heap: the
// preview's peak memory. Here the keys' characters live in one growing Uint16Array and the table in an
// Int32Array (open addressing, linear probing): ~40 bytes a key, outside the JS heap.

const EMPTY = 0; // row numbers start at 1

export class ImportKeyMap {
  #chars: Uint16Array;
  #used = 0;
  // per slot: start of the key in #chars, its length, its first row number (EMPTY: free slot)
  #slots: Int32Array;
  #mask: number;
  #size = 0;

  /** `slots`: the table's first size, a power of two (small ones let tests grow it often). */
  constructor(slots = 1 << 12) {
    if (!(slots >= 2 && (slots & (slots - 1)) === 0)) throw new RangeError(`slots ${slots}`);
    this.#slots = new Int32Array(slots * 3);
    this.#mask = slots - 1;
    this.#chars = new Uint16Array(slots * 8);
  }

  get size(): number {
    return this.#size;
  }

  /** The row number stored for `key`, or undefined. */
  get(key: string): number | undefined {
    const slot = this.#find(key, hash(key));
    const row = this.#slots[slot * 3 + 2];
    return row === EMPTY ? undefined : row;
  }

  /** Stores `row` (≥ 1) for `key`, replacing what was there. */
  set(key: string, row: number): void {
    if (!(row >= 1 && row <= 0x7fffffff && Number.isInteger(row))) throw new RangeError(`row ${row}`);
    if ((this.#size + 1) * 4 > (this.#mask + 1) * 3) this.#grow(); // at most three quarters full
    const slot = this.#find(key, hash(key));
    const at = slot * 3;
    if (this.#slots[at + 2] === EMPTY) {
      this.#slots[at] = this.#store(key);
      this.#slots[at + 1] = key.length;
      this.#size++;
    }
    this.#slots[at + 2] = row;
  }

  #find(key: string, h: number): number {
    const slots = this.#slots;
    const chars = this.#chars;
    for (let slot = h & this.#mask; ; slot = (slot + 1) & this.#mask) {
      const at = slot * 3;
      if (slots[at + 2] === EMPTY) return slot;
      if (slots[at + 1] !== key.length) continue;
      const start = slots[at];
      let same = true;
      for (let i = 0; i < key.length; i++) {
        if (chars[start + i] !== key.charCodeAt(i)) {
          same = false;
          break;
        }
      }
      if (same) return slot;
    }
  }

  #store(key: string): number {
    if (this.#used + key.length > this.#chars.length) {
      const bigger = new Uint16Array(Math.max(this.#chars.length * 2, this.#used + key.length));
      bigger.set(this.#chars.subarray(0, this.#used));
      this.#chars = bigger;
    }
    const start = this.#used;
    for (let i = 0; i < key.length; i++) this.#chars[start + i] = key.charCodeAt(i);
    this.#used += key.length;
    return start;
  }

  #grow(): void {
    const old = this.#slots;
    const capacity = (this.#mask + 1) * 2;
    this.#slots = new Int32Array(capacity * 3);
    this.#mask = capacity - 1;
    for (let at = 0; at < old.length; at += 3) {
      if (old[at + 2] === EMPTY) continue;
      let h = FNV_OFFSET;
      for (let i = 0; i < old[at + 1]; i++) h = Math.imul(h ^ this.#chars[old[at] + i], FNV_PRIME);
      let slot = h & this.#mask;
      while (this.#slots[slot * 3 + 2] !== EMPTY) slot = (slot + 1) & this.#mask;
      this.#slots.set(old.subarray(at, at + 3), slot * 3);
    }
  }
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** FNV-1a over the UTF-16 code units. */
function hash(key: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), FNV_PRIME);
  return h;
}

const attached = new WeakMap<object, ImportKeyMap>();

/**
 * The key map of one preview. The import mechanism hands the same `seen` map to every batch of an
 * upload (and a new one to the next upload): the customer target keeps its keys in an ImportKeyMap
 * attached to it instead of in it.
 */
export function importKeysOf(seen: Map<string, number>): ImportKeyMap {
  let keys = attached.get(seen);
  if (!keys) {
    keys = new ImportKeyMap();
    attached.set(seen, keys);
  }
  return keys;
}
