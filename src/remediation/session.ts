/**
 * What one responder call shares across its steps: sensitive values go to the inspector and the
 * entry point's masking; log lines and audit records pass inspection before they leave. Used by
 * `respond` (leaks) and `rotateNamed` (on demand).
 */
import type { AuditContext } from "./audit.js";
import type { Inspector } from "./inspect.js";
import type { AuditRecord, RemediationPorts } from "./ports.js";

export type Session = ReturnType<typeof session>;

export function session(ports: RemediationPorts, inspector: Inspector, auditCtx: AuditContext) {
  const audit: AuditRecord[] = [];
  const startHits = inspector.hits;
  return {
    audit,
    auditCtx,
    registerSensitive(value: string) {
      inspector.addSensitive(value);
      ports.registerSensitive?.(value);
    },
    log(line: string) {
      ports.log?.(inspector.inspect(line, "log.txt"));
    },
    async record(r: AuditRecord) {
      const safe = { ...r, reason: inspector.inspect(r.reason, "audit.txt") };
      audit.push(safe);
      await ports.audit.record(safe);
    },
    redactions: () => inspector.hits - startHits,
  };
}
