/**
 * Split a stream of text into lines on `\n` only. `node:readline` also breaks on a lone `\r`,
 * which would cut a diff line whose content holds one and desynchronise the diff parser; and a
 * very long (minified) line must be joined once, not rebuilt chunk by chunk.
 */

/** Lines of `chunks` (decoded text), without their `\n`. A last line without `\n` is yielded too. */
export async function* splitLines(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  // Pieces of the current, unfinished line; joined once when its `\n` arrives.
  let pending: string[] = [];
  for await (const chunk of chunks) {
    let from = 0;
    for (let nl = chunk.indexOf("\n"); nl >= 0; nl = chunk.indexOf("\n", from)) {
      const piece = chunk.slice(from, nl);
      if (pending.length === 0) yield piece;
      else {
        pending.push(piece);
        const line = pending.join("");
        pending = [];
        yield line;
      }
      from = nl + 1;
    }
    if (from < chunk.length) pending.push(chunk.slice(from));
  }
  if (pending.length > 0) yield pending.join("");
}

/**
 * Lines of `chunks` in batches: the complete lines of each chunk as one array. A consumer that
 * handles many short lines (a diff) then pays for one promise per chunk, not one per line.
 */
export async function* splitLineBatches(chunks: AsyncIterable<string>): AsyncGenerator<string[]> {
  let pending: string[] = [];
  for await (const chunk of chunks) {
    const batch: string[] = [];
    let from = 0;
    for (let nl = chunk.indexOf("\n"); nl >= 0; nl = chunk.indexOf("\n", from)) {
      const piece = chunk.slice(from, nl);
      if (pending.length === 0) batch.push(piece);
      else {
        pending.push(piece);
        batch.push(pending.join(""));
        pending = [];
      }
      from = nl + 1;
    }
    if (from < chunk.length) pending.push(chunk.slice(from));
    if (batch.length > 0) yield batch;
  }
  if (pending.length > 0) yield [pending.join("")];
}
