/**
 * The scan ledger: a durable GitHub-side record of which commits leakstop scanned (a check run
 * named {@link LEDGER_CHECK_NAME} on each scanned head). A record on commit C means C's history
 * was scanned up to records further back, so C can be left out of later scans; a baseline
 * without a record (its run was cancelled, skipped with `[skip ci]`, filtered by paths, failed,
 * or came before leakstop) was never scanned, and the nearest recorded ancestor is used instead,
 * so a later run scans what was missed. Pure: an adapter gathers the facts.
 */

/** The check run's name: the ledger's key on every commit. */
export const LEDGER_CHECK_NAME = "leakstop scan";

/** How far back along first parents a baseline without a record is followed. */
export const LEDGER_REACH = 20;

/** A baseline the push rule chose, with its first-parent ancestors, nearest first. */
export interface LedgerCandidate {
  readonly sha: string;
  readonly ancestors: readonly string[];
}

/** What the ledger says to leave out of a scan. */
export interface LedgerChoice {
  /** The baselines to exclude: each candidate, or its nearest recorded ancestor. */
  readonly exclude: readonly string[];
  /** `ledger`: chosen from records; `stateless`: no record at all, the push rule stands. */
  readonly rule: "ledger" | "stateless";
  /** Commits that were baselines but never scanned, now scanned (nearest first per candidate). */
  readonly missed: readonly string[];
  /** Baselines with no record within {@link LEDGER_REACH} commits: kept as the push rule said. */
  readonly unrecorded: readonly string[];
}

/** Replace each baseline by its nearest recorded commit (itself when it has a record). */
export function chooseByLedger(candidates: readonly LedgerCandidate[], recorded: ReadonlySet<string>): LedgerChoice {
  if (recorded.size === 0) {
    return { exclude: candidates.map((c) => c.sha), rule: "stateless", missed: [], unrecorded: [] };
  }
  const exclude = new Set<string>();
  const missed: string[] = [];
  const unrecorded: string[] = [];
  for (const c of candidates) {
    const chain = [c.sha, ...c.ancestors];
    const at = chain.findIndex((sha) => recorded.has(sha));
    if (at < 0) {
      // Nothing recorded near it (leakstop adopted since): trust it as the push rule does.
      exclude.add(c.sha);
      unrecorded.push(c.sha);
      continue;
    }
    exclude.add(chain[at] as string);
    for (const sha of chain.slice(0, at)) if (!missed.includes(sha)) missed.push(sha);
  }
  return { exclude: [...exclude], rule: "ledger", missed, unrecorded };
}

/** The rule, for the summary's scope line. */
export function describeLedger(choice: LedgerChoice): string {
  if (choice.rule === "stateless") return "no scan record in the ledger: baselines from the push alone";
  const parts = ["baselines from the scan ledger"];
  if (choice.missed.length > 0) parts.push(`${choice.missed.length} commit(s) an earlier run did not scan included`);
  if (choice.unrecorded.length > 0) parts.push(`${choice.unrecorded.length} baseline(s) with no record kept`);
  return parts.join("; ");
}
