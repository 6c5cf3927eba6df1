/**
 * Files a scan did not read for a common reason, summed up as one notice per reason (a
 * repository may hold thousands of images), naming the first few so a person can check.
 */
import type { SkipKind } from "./files.js";

const SHOWN = 5;

const WHY: Record<SkipKind, (n: number) => string> = {
  binary: (n) => `Skipped ${n} binary file${n === 1 ? "" : "s"} (a NUL byte, no UTF-16 byte-order mark)`,
  symlink: (n) => `Skipped ${n} symbolic link${n === 1 ? "" : "s"} (links inside a scanned folder are not followed)`,
  special: (n) => `Skipped ${n} special file${n === 1 ? "" : "s"} (FIFO, socket or device)`,
};

/** Collects skipped paths; {@link notices} renders them. */
export class SkippedFiles {
  readonly #paths = new Map<SkipKind, string[]>();

  add = (kind: SkipKind, path: string): void => {
    const list = this.#paths.get(kind);
    if (list) list.push(path);
    else this.#paths.set(kind, [path]);
  };

  /** One line per reason, in a fixed order, each naming up to five paths (sorted). */
  notices(): string[] {
    const out: string[] = [];
    for (const kind of ["binary", "symlink", "special"] as const) {
      const paths = [...(this.#paths.get(kind) ?? [])].sort();
      if (paths.length === 0) continue;
      const shown = paths.slice(0, SHOWN).map((p) => `'${p}'`);
      const more = paths.length > SHOWN ? ` and ${paths.length - SHOWN} more` : "";
      out.push(`${WHY[kind](paths.length)}: ${shown.join(", ")}${more}.`);
    }
    return out;
  }
}
