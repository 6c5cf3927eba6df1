/**
 * Issue title, body and comment for a leak (pure Markdown). Never a value: the finding's
 * redacted context, a fingerprint, versions and names only.
 *
 * One issue per leak (per leaked value: its incident key, see `core/findings/incident.ts`), not
 * per push or per file. A security team works credential by
 * credential: each one has its own owner, its own provider to check, and is done when *that*
 * credential is dead; an issue per push mixes credentials that close at different times and
 * cannot be assigned to one person. The fingerprint marker also makes the same leak pushed
 * again (another branch, a re-run, a redelivered event) land as a comment on its issue
 * instead of opening a new one. A push with several leaks opens several issues, each naming
 * the same commit, so they are easy to find together.
 */
import { codeSpan as code, escapeMarkdown as plain, profileLink } from "../core/report/escape.js";
import type { Finding } from "../core/types.js";
import type { StepResult } from "./execute.js";
import type { ManualRevocation } from "./provider.js";
import { manualRevocationFor } from "./revocation.js";

/** The hidden marker that identifies a leak's issue. */
export function issueMarker(fingerprint: string): string {
  return `<!-- leakstop:fingerprint=${fingerprint} -->`;
}

/**
 * The hidden marker of a leak's incident: the value's key (`core/findings/incident.ts`), so the
 * same credential in another file, commit or push lands on this issue.
 */
export function incidentMarker(incident: string): string {
  return `<!-- leakstop:incident=${incident} -->`;
}

/** Where the leak happened and who is involved. */
export interface IssueContext {
  /** `owner/repo` the leak was pushed to. */
  readonly repository: string;
  /** e.g. `https://github.com` (GitHub Enterprise Server: its own URL). */
  readonly serverUrl: string;
  /** Login of the person who pushed. */
  readonly pusher?: string;
  /** GitHub login of the commit's author, when the author is a GitHub user. */
  readonly authorLogin?: string;
  readonly runUrl?: string;
}

/** A leak as the issue shows it. `secret` is accepted but never read. */
export interface IssueLeak {
  readonly finding: Omit<Finding, "secret"> & { readonly secret?: string };
  /** The rule's remediation advice, e.g. "Change the database user's password". */
  readonly remediation?: string;
  /** What the responder did for this leak (results whose step names its fingerprint). */
  readonly results: readonly StepResult[];
  /** The value's incident key; absent, the issue is keyed by the fingerprint alone. */
  readonly incident?: string;
  /** Other places the same value was found in this run (redacted findings). */
  readonly alsoAt?: readonly (Omit<Finding, "secret"> & { readonly secret?: string })[];
}

function encodePath(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

export function issueTitle(leak: IssueLeak): string {
  const f = leak.finding;
  const title = `leakstop: ${f.title} leaked in ${f.path}`;
  return title.length > 200 ? `${title.slice(0, 199)}…` : title;
}

function whatLeaked(leak: IssueLeak, ctx: IssueContext): string[] {
  const f = leak.finding;
  const base = `${ctx.serverUrl.replace(/\/+$/, "")}/${ctx.repository}`;
  const lines = [`- **Rule:** ${code(f.ruleId)} (${plain(f.title)})`, `- **Value (redacted):** ${code(f.redacted)}`];
  const range = f.endLine > f.line ? `#L${f.line}-L${f.endLine}` : `#L${f.line}`;
  if (f.commit) {
    const sha = f.commit.sha;
    lines.push(`- **File:** [${code(f.path)} line ${f.line}](${base}/blob/${sha}/${encodePath(f.path)}${range})`);
    lines.push(`- **Commit:** [${code(sha.slice(0, 12))}](${base}/commit/${sha}) (${f.commit.date})`);
    // Links to profiles, not mentions: an issue must not notify whoever a pushed commit names.
    const login = ctx.authorLogin ? ` (${profileLink(ctx.authorLogin, ctx.serverUrl)})` : "";
    lines.push(`- **Author:** ${plain(f.commit.authorName)}${login}`);
  } else {
    lines.push(`- **File:** ${code(f.path)} line ${f.line}`);
  }
  if (ctx.pusher) lines.push(`- **Pushed by:** ${profileLink(ctx.pusher, ctx.serverUrl)}`);
  lines.push(`- **Fingerprint:** ${code(f.fingerprint)}`);
  for (const other of leak.alsoAt ?? []) {
    const at = other.commit ? ` in ${code(other.commit.sha.slice(0, 12))}` : "";
    lines.push(`- **Same value also in:** ${code(other.path)} line ${other.line}${at} (${code(other.fingerprint)})`);
  }
  return lines;
}

function markers(leak: IssueLeak): string[] {
  return [...(leak.incident ? [incidentMarker(leak.incident)] : []), issueMarker(leak.finding.fingerprint)];
}

function whatWasDone(leak: IssueLeak): string[] {
  if (leak.results.length === 0) return ["- Nothing yet: rotation was not attempted (no vault configured)."];
  return leak.results.map(resultLine);
}

function resultLine(r: StepResult): string {
  switch (r.kind) {
    case "rotated": {
      const where = `Key Vault secret ${code(r.name)} in ${code(r.vaultUrl)}`;
      const disabled = r.disabled.length
        ? `; leaked version(s) ${r.disabled.map((v) => code(v)).join(", ")} disabled`
        : "; no enabled version holding the leaked value was left";
      const expiry = r.expiresOn ? ` (expires ${r.expiresOn.toISOString().slice(0, 10)})` : "";
      if (r.provider) {
        const proof = ` The leaked credential is dead: ${plain(r.evidence ?? "the probe passed")}.`;
        return r.written
          ? `- ✅ Rotated at ${plain(r.provider)}; ${where} holds the new credential in version ${code(r.version)}${expiry}${disabled}.${proof}`
          : `- ✅ Rotated at ${plain(r.provider)}; ${where} already holds the new credential (version ${code(r.version)})${disabled}.${proof}`;
      }
      return r.written
        ? `- ✅ Rotated ${where} (the vault is its only home): new version ${code(r.version)} written${expiry}${disabled}.`
        : `- ✅ ${where}: version ${code(r.version)} already holds a new value${disabled}.`;
    }
    case "revoked":
      return `- ✅ Revoked at ${plain(r.provider)} (${code(r.resource)}) and proven dead: ${plain(r.evidence)}. Create a replacement and store it where the old one was used; leakstop made up no value.`;
    case "skipped":
      if (r.step.kind === "manual") return `- ⚠️ **No match: rotate by hand.** ${plain(r.reason)}`;
      if (r.step.revocation) {
        return `- ⚠️ ${code(r.step.name)} in ${code(r.step.vaultUrl)} was left alone: leakstop cannot revoke this credential at ${plain(r.step.revocation.provider)}, and a new vault value would not revoke it.`;
      }
      return `- ${code(r.step.name)} in ${code(r.step.vaultUrl)}: ${plain(r.reason)}.`;
    case "failed": {
      const name = r.step.kind === "blocked" ? "" : ` of ${code(r.step.name)}`;
      // Error text from Key Vault and names from a config: plain text, whatever it holds.
      const reason = plain(r.reason.charAt(0).toUpperCase() + r.reason.slice(1));
      return `- ❌ **Rotation${name} in ${code(r.step.vaultUrl)} failed; the leaked value may still be valid.** ${reason}`;
    }
  }
}

/** Whether a result leaves the leaked value valid in the vault (failed, or a person must act). */
function leftValid(r: StepResult): boolean {
  if (r.kind === "failed") return true;
  if (r.kind === "skipped") return r.step.kind === "manual" || !r.step.done;
  return false;
}

/** Where a person revokes it: the provider's own page, from the steps that left it valid. */
function revocationOf(leak: IssueLeak): ManualRevocation | undefined {
  for (const r of leak.results) {
    if (r.kind === "skipped" && r.step.revocation) return r.step.revocation;
  }
  return leak.finding.ruleId ? manualRevocationFor([leak.finding.ruleId]) : undefined;
}

function downstreamWarning(leak: IssueLeak): string[] {
  const advice = leak.remediation ? ` ${leak.remediation}` : "";
  if (leak.results.length === 0 || leak.results.some(leftValid)) {
    const how = revocationOf(leak);
    return [
      "> [!CAUTION]",
      `> **The leaked credential is still valid.** Revoke or change it where it was issued, then store the new value in your vault.${advice}`,
      ...(how ? [">", `> **What to do at ${plain(how.provider)}:** ${how.how}`, `> Revocation page: ${how.url}`] : []),
    ];
  }
  const needsProvider = leak.results.some(
    (r) => (r.kind === "rotated" && r.downstream === "needed") || r.kind === "skipped",
  );
  if (!needsProvider) return [];
  return [
    "> [!WARNING]",
    "> **The downstream credential still needs rotating.** Key Vault now holds a new value, but the leaked",
    "> credential is still accepted wherever it is checked (the storage account, the database, the third-party",
    `> service) until it is changed there.${advice} Set the new vault value at the provider, or regenerate it`,
    "> there and store the result as a new version of the secret.",
  ];
}

function checklist(leak: IssueLeak): string[] {
  const date = leak.finding.commit?.date ? ` since ${leak.finding.commit.date.slice(0, 10)}` : "";
  return [
    "### Remediation checklist",
    "",
    "- [ ] Make sure the credential is dead at its provider (see above), not only replaced in the vault.",
    `- [ ] Check the provider's audit logs for use of the leaked credential${date}.`,
    "- [ ] Confirm every consumer picked up the new version (app settings, pipelines, Key Vault references).",
    "- [ ] Restart apps that cache Key Vault references (App Service and Functions may keep the old value for up to 24 hours).",
    "- [ ] Remove the value from git history with `git filter-repo --replace-text`, force-push, and have clones re-fetched; the value must be treated as public either way.",
  ];
}

/** The issue opened for a leak: title and body. */
export function renderIssue(leak: IssueLeak, ctx: IssueContext): { title: string; body: string } {
  const f = leak.finding;
  const footer = ctx.runUrl ? `Opened by [leakstop](${ctx.runUrl}).` : "Opened by leakstop.";
  const body = [
    ...markers(leak),
    `leakstop found a **${plain(f.title)}** pushed to ${code(ctx.repository)}.`,
    "",
    "### What leaked",
    "",
    ...whatLeaked(leak, ctx),
    "",
    "### What leakstop did",
    "",
    ...whatWasDone(leak),
    "",
    ...withBlank(downstreamWarning(leak)),
    ...checklist(leak),
    "",
    `<sub>${footer} One issue per leaked value; the same value found again (here or in another file) adds a comment here.</sub>`,
    "",
  ];
  return { title: issueTitle(leak), body: body.join("\n") };
}

/** The comment added when the same leak is seen again. */
export function renderComment(leak: IssueLeak, ctx: IssueContext, options: { closed?: boolean } = {}): string {
  const reopened = options.closed ? " This issue is closed, but the leak was seen again." : "";
  const lines = [
    ...markers(leak),
    `leakstop found this leaked value again (already reported here).${reopened}`,
    "",
    ...whatLeaked(leak, ctx),
    "",
    "### What leakstop did this time",
    "",
    ...whatWasDone(leak),
    "",
    ...withBlank(downstreamWarning(leak)),
  ];
  if (ctx.runUrl) lines.push(`<sub>Run: ${ctx.runUrl}</sub>`, "");
  return lines.join("\n");
}

function withBlank(lines: string[]): string[] {
  return lines.length ? [...lines, ""] : [];
}
