/**
 * The catalogue's search index: which texts hold a word as a part (the search matches any
 * substring of a title or topic word, as it always did, not only whole words or prefixes).
 * Two levels keep it small: every distinct word of the catalogue (a few hundred) → the texts that
 * hold it (its posting list, ascending), and every part of those words → the words it is part of.
 * A query word's texts are the union of its words' postings; several query words intersect.
 */

/** Lowercase by Russian rules, ё read as е: how search words and the catalogue's text compare. */
export function normalizeSearchText(text: string): string {
  return text.toLocaleLowerCase('ru').replaceAll('ё', 'е');
}

/** The words of a search, normalized; a word is anything between whitespace. */
export function searchWords(search: string): string[] {
  return normalizeSearchText(search).split(/\s+/).filter(Boolean);
}

const NONE = new Int32Array(0);

export class SubstringIndex {
  readonly size: number;
  /** Word id → ascending positions of the texts holding the word. */
  readonly #postings: Int32Array[];
  /** Positions' words: those of text i are #textWords[#textStarts[i] .. #textStarts[i + 1]). */
  readonly #textStarts: Uint32Array;
  readonly #textWords: Int32Array;
  /** Any part of a word → ids of the words holding it. */
  readonly #byPart = new Map<string, Int32Array>();

  /** Indexes `size` texts; `textAt(i)` is the i-th text, already normalized. */
  constructor(size: number, textAt: (position: number) => string) {
    this.size = size;
    const ids = new Map<string, number>();
    const postings: number[][] = [];
    const textStarts = new Uint32Array(size + 1);
    const textWords: number[] = [];
    for (let position = 0; position < size; position++) {
      textStarts[position] = textWords.length;
      const seen = new Set<number>();
      for (const word of textAt(position).split(/\s+/)) {
        if (!word) continue;
        let id = ids.get(word);
        if (id === undefined) {
          id = postings.length;
          ids.set(word, id);
          postings.push([]);
        }
        if (seen.has(id)) continue;
        seen.add(id);
        postings[id]?.push(position);
        textWords.push(id);
      }
    }
    textStarts[size] = textWords.length;
    this.#postings = postings.map((list) => Int32Array.from(list));
    this.#textStarts = textStarts;
    this.#textWords = Int32Array.from(textWords);
    const byPart = new Map<string, number[]>();
    for (const [word, id] of ids) {
      const parts = new Set<string>();
      for (let from = 0; from < word.length; from++) for (let to = from + 1; to <= word.length; to++) parts.add(word.slice(from, to));
      for (const part of parts) {
        const holders = byPart.get(part);
        if (holders) holders.push(id);
        else byPart.set(part, [id]);
      }
    }
    for (const [part, holders] of byPart) this.#byPart.set(part, Int32Array.from(holders));
  }

  /** Ascending positions of the texts holding every word (normalized, no whitespace) as a part of one of theirs. */
  matching(words: readonly string[]): Int32Array {
    const holders: Int32Array[] = [];
    for (const word of new Set(words)) {
      const found = this.#byPart.get(word);
      if (!found) return NONE;
      holders.push(found);
    }
    if (holders.length === 0) return NONE;
    // Start from the word with the fewest texts, then keep those that also hold each other word.
    const cost = (ids: Int32Array) => ids.reduce((sum, id) => sum + (this.#postings[id]?.length ?? 0), 0);
    const ordered = holders.map((ids) => ({ ids, cost: cost(ids) })).sort((a, b) => a.cost - b.cost);
    let candidates = this.#union(ordered[0]?.ids ?? NONE);
    for (const { ids } of ordered.slice(1)) {
      if (candidates.length === 0) break;
      candidates = this.#holding(candidates, ids);
    }
    return candidates;
  }

  /** The ascending union of the words' postings. */
  #union(ids: Int32Array): Int32Array {
    if (ids.length === 1) return this.#postings[ids[0] ?? 0] ?? NONE;
    const marked = new Uint8Array(this.size);
    let count = 0;
    for (const id of ids) {
      for (const position of this.#postings[id] ?? NONE) {
        if (marked[position]) continue;
        marked[position] = 1;
        count++;
      }
    }
    const union = new Int32Array(count);
    for (let position = 0, n = 0; n < count; position++) if (marked[position]) union[n++] = position;
    return union;
  }

  /** The candidates that hold one of the words. */
  #holding(candidates: Int32Array, ids: Int32Array): Int32Array {
    const wanted = new Uint8Array(this.#postings.length);
    for (const id of ids) wanted[id] = 1;
    const kept = new Int32Array(candidates.length);
    let n = 0;
    for (const position of candidates) {
      for (let k = this.#textStarts[position] ?? 0, end = this.#textStarts[position + 1] ?? 0; k < end; k++) {
        if (wanted[this.#textWords[k] ?? 0]) {
          kept[n++] = position;
          break;
        }
      }
    }
    return kept.subarray(0, n);
  }
}
