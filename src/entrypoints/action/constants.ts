/** Input and output names of `action.yml` (DESIGN.md, Action contract). */

export const INPUTS = {
  githubToken: "github-token",
  vaultUrl: "vault-url",
  secrets: "secrets",
  reason: "reason",
  dryRun: "dry-run",
  failOnFindings: "fail-on-findings",
  openIssue: "open-issue",
  issueRepository: "issue-repository",
  config: "config",
  sarifFile: "sarif-file",
  azureClientId: "azure-client-id",
  azureTenantId: "azure-tenant-id",
} as const;

export const OUTPUTS = {
  findings: "findings",
  rotated: "rotated",
  issueNumber: "issue-number",
  issueUrl: "issue-url",
  sarifFile: "sarif-file",
} as const;

/** The SARIF file's name in `RUNNER_TEMP` when the `sarif-file` input is empty. */
export const DEFAULT_SARIF_NAME = "leakstop.sarif";
