/**
 * Multi-keyword search (Aho–Corasick) over ASCII-case-folded text. One pass over a fragment
 * finds every occurrence of every rule keyword; it runs about twice as fast as one
 * case-insensitive alternation of the same literals in V8's regex engine, and that pass is
 * most of a scan's cost.
 */

const ALPHABET = 128;

/** A compiled set of lower-case ASCII keywords. */
export class KeywordMatcher {
  /**
   * Transition table, pre-multiplied and case-folded: `delta[row + char]` is the next state's
   * row (`state * 128`), for upper- and lower-case letters alike, stored bit-inverted (`~row`,
   * negative) when a keyword ends in that state. The hot loop then does one load and one sign
   * test per character: a second "final" table cost a cache line per state visited.
   */
  private readonly delta: Int32Array;
  /** For each state, the ids of the keywords that end there (own and via suffix links). */
  private readonly outputs: ReadonlyArray<readonly number[] | undefined>;
  /** For each state, the length of the longest keyword that ends there. */
  private readonly longest: Int32Array;
  private readonly fold = new Uint8Array(ALPHABET);

  constructor(readonly keywords: readonly string[]) {
    for (const k of keywords) {
      if (k.length === 0 || !/^[\x20-\x7e]+$/.test(k) || k !== k.toLowerCase()) {
        throw new RangeError(`Keyword '${k}' must be non-empty, lower-case, printable ASCII.`);
      }
    }
    for (let c = 0; c < ALPHABET; c++) this.fold[c] = c >= 65 && c <= 90 ? c + 32 : c;
    // Trie.
    const children: Array<Map<number, number>> = [new Map()];
    const own: number[][] = [[]];
    keywords.forEach((keyword, id) => {
      let state = 0;
      for (let i = 0; i < keyword.length; i++) {
        const c = keyword.charCodeAt(i);
        let next = children[state]?.get(c);
        if (next === undefined) {
          next = children.length;
          children.push(new Map());
          own.push([]);
          children[state]?.set(c, next);
        }
        state = next;
      }
      own[state]?.push(id);
    });
    // Breadth-first: suffix links and the full transition function.
    const states = children.length;
    const delta = new Int32Array(states * ALPHABET);
    const link = new Int32Array(states);
    const outputs: Array<number[] | undefined> = new Array(states);
    const queue: number[] = [];
    for (let c = 0; c < ALPHABET; c++) {
      const next = children[0]?.get(c) ?? 0;
      delta[c] = next;
      if (next !== 0) queue.push(next);
    }
    outputs[0] = undefined;
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head] as number;
      const inherited = outputs[link[state] as number] ?? [];
      const mine = own[state] ?? [];
      outputs[state] = mine.length || inherited.length ? [...mine, ...inherited] : undefined;
      for (let c = 0; c < ALPHABET; c++) {
        const next = children[state]?.get(c);
        const viaLink = delta[(link[state] as number) * ALPHABET + c] as number;
        if (next === undefined) {
          delta[state * ALPHABET + c] = viaLink;
        } else {
          link[next] = viaLink;
          delta[state * ALPHABET + c] = next;
          queue.push(next);
        }
      }
    }
    // Pre-multiply and fold: the loop then reads `delta[row + c]` for any ASCII `c`.
    const folded = new Int32Array(states * ALPHABET);
    for (let st = 0; st < states; st++) {
      for (let c = 0; c < ALPHABET; c++) {
        const next = delta[st * ALPHABET + (this.fold[c] as number)] as number;
        folded[st * ALPHABET + c] = outputs[next] === undefined ? next * ALPHABET : ~(next * ALPHABET);
      }
    }
    this.delta = folded;
    this.outputs = outputs;
    this.longest = new Int32Array(states);
    for (let st = 0; st < states; st++) {
      for (const id of outputs[st] ?? [])
        this.longest[st] = Math.max(this.longest[st] as number, (keywords[id] as string).length);
    }
  }

  /**
   * Call `onHit(start, ids, end)` for every position where keywords end, with the start offset
   * of the longest of them, the ids of all of them and the offset just past them.
   */
  scan(text: string, onHit: (start: number, ids: readonly number[], end: number) => void): void {
    const { delta, outputs, longest } = this;
    let row = 0;
    for (let i = 0, n = text.length; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c >= ALPHABET) {
        row = 0;
        continue;
      }
      const next = delta[row + c] as number;
      if (next >= 0) {
        row = next;
        continue;
      }
      row = ~next;
      const state = row >> 7;
      onHit(i - (longest[state] as number) + 1, outputs[state] as readonly number[], i + 1);
    }
  }
}
