import { createRequire as __leakstopCreateRequire } from 'node:module'; const require = __leakstopCreateRequire(import.meta.url);

// src/entrypoints/action/constants.ts
var INPUTS = {
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
  scanLedger: "scan-ledger"
};
var OUTPUTS = {
  findings: "findings",
  rotated: "rotated",
  issueNumber: "issue-number",
  issueUrl: "issue-url",
  sarifFile: "sarif-file",
  auditFile: "audit-file"
};
var DEFAULT_SARIF_NAME = "leakstop.sarif";
var DEFAULT_AUDIT_NAME = "leakstop-audit.jsonl";
var TEST_INSECURE_CHALLENGE_ENV = "LEAKSTOP_TEST_KEYVAULT_INSECURE_CHALLENGE";

export {
  INPUTS,
  OUTPUTS,
  DEFAULT_SARIF_NAME,
  DEFAULT_AUDIT_NAME,
  TEST_INSECURE_CHALLENGE_ENV
};
