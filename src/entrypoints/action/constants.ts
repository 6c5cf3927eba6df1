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
  responderUrl: "responder-url",
  responderWait: "responder-wait",
  incidentKey: "incident-key",
  scanLedger: "scan-ledger",
} as const;

export const OUTPUTS = {
  findings: "findings",
  rotated: "rotated",
  issueNumber: "issue-number",
  issueUrl: "issue-url",
  sarifFile: "sarif-file",
  auditFile: "audit-file",
} as const;

/** The SARIF file's name in `RUNNER_TEMP` when the `sarif-file` input is empty. */
export const DEFAULT_SARIF_NAME = "leakstop.sarif";

/** The responder's audit records (JSON lines) in `RUNNER_TEMP`. */
export const DEFAULT_AUDIT_NAME = "leakstop-audit.jsonl";

/**
 * Test-only: turns off the Key Vault SDK's check that a 401 challenge names the vault's own
 * domain, for vaults on a loopback address (a local test double). Never set it in a workflow.
 */
export const TEST_INSECURE_CHALLENGE_ENV = "LEAKSTOP_TEST_KEYVAULT_INSECURE_CHALLENGE";
