/** The progress line of a scan, as text (the CLI redraws it on a terminal). Pure. */

/** Where a scan stands. */
export interface Progress {
  /** Files read, or commits reached. */
  readonly done: number;
  /** How many there are, when known. */
  readonly total?: number;
  readonly unit: "files" | "commits";
  /** Bytes of text scanned so far. */
  readonly bytes: number;
}

/** E.g. `scanning: 120/480 files (25%), 3.1 MB`; without a total, `scanning: 120 files, 3.1 MB`. */
export function progressText(p: Progress): string {
  const mb = `${(p.bytes / 1048576).toFixed(1)} MB`;
  if (p.total === undefined || p.total <= 0) return `scanning: ${p.done} ${p.unit}, ${mb}`;
  const percent = Math.min(100, Math.floor((p.done / p.total) * 100));
  return `scanning: ${p.done}/${p.total} ${p.unit} (${percent}%), ${mb}`;
}
