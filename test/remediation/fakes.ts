/**
 * In-memory fakes of the responder's ports. They behave like Key Vault where it matters:
 * disabled versions cannot be read, tags are replaced on update, there is no delete.
 */
import { createHash } from "node:crypto";
import { createMemoryAuditLog } from "../../src/remediation/audit.js";
import {
  type GetSecretOptions,
  type IssueRef,
  type IssueTracker,
  type RandomSource,
  type RemediationPorts,
  type SecretStore,
  SecretStoreError,
  type SecretVersionInfo,
  type SetSecretOptions,
  type UpdateVersionOptions,
} from "../../src/remediation/ports.js";

interface StoredVersion {
  version: string;
  value: string;
  enabled: boolean;
  tags: Record<string, string>;
  contentType?: string;
  createdOn: Date;
  expiresOn?: Date;
}

export type StoreOp = "listSecrets" | "listVersions" | "getSecret" | "setSecret" | "updateVersion";

/** Deterministic "random" bytes: a counter through SHA-256. */
export function seededRandom(seed = "seed"): RandomSource {
  let counter = 0;
  return {
    bytes(length) {
      const out = new Uint8Array(length);
      for (let i = 0; i < length; i += 32) {
        const block = createHash("sha256").update(`${seed}:${counter++}`).digest();
        out.set(block.subarray(0, Math.min(32, length - i)), i);
      }
      return out;
    },
  };
}

let clockMs = Date.parse("2024-06-01T12:00:00Z");
/** A clock that advances one second per call, so versions have distinct creation times. */
export const tickingClock = {
  now: () => {
    clockMs += 1000;
    return new Date(clockMs);
  },
};

export class MemoryVault implements SecretStore {
  readonly secrets = new Map<string, StoredVersion[]>();
  readonly calls: Array<{ op: StoreOp; name?: string; version?: string }> = [];
  /** Return an error to make an operation fail. */
  fail: (op: StoreOp, name?: string, version?: string) => Error | undefined = () => undefined;
  inFlight = 0;
  maxInFlight = 0;
  private seq = 0;

  constructor(readonly vaultUrl: string) {}

  /** Add a version directly (test setup); returns its id. */
  put(name: string, value: string, extra: Partial<Omit<StoredVersion, "version" | "value">> = {}): string {
    const version = `v${String(++this.seq).padStart(3, "0")}${createHash("md5").update(`${this.vaultUrl}${name}${this.seq}`).digest("hex").slice(0, 8)}`;
    const list = this.secrets.get(name) ?? [];
    list.push({ version, value, enabled: true, tags: {}, createdOn: tickingClock.now(), ...extra });
    this.secrets.set(name, list);
    return version;
  }

  version(name: string, version: string): StoredVersion {
    const v = this.secrets.get(name)?.find((x) => x.version === version);
    if (!v) throw new Error(`no ${name}/${version}`);
    return v;
  }

  latest(name: string): StoredVersion {
    const list = this.secrets.get(name) ?? [];
    return list[list.length - 1] as StoredVersion;
  }

  private check(op: StoreOp, name?: string, version?: string) {
    this.calls.push({ op, ...(name ? { name } : {}), ...(version ? { version } : {}) });
    const e = this.fail(op, name, version);
    if (e) throw e;
  }

  private info(name: string, v: StoredVersion): SecretVersionInfo {
    return {
      name,
      version: v.version,
      enabled: v.enabled,
      tags: { ...v.tags },
      createdOn: v.createdOn,
      ...(v.contentType !== undefined ? { contentType: v.contentType } : {}),
      ...(v.expiresOn ? { expiresOn: v.expiresOn } : {}),
    };
  }

  async *listSecrets(): AsyncIterable<SecretVersionInfo> {
    this.check("listSecrets");
    for (const [name] of this.secrets) yield { ...this.info(name, this.latest(name)), version: "" };
  }

  async *listVersions(name: string): AsyncIterable<SecretVersionInfo> {
    this.check("listVersions", name);
    const list = this.secrets.get(name);
    if (!list) throw new SecretStoreError(`Key Vault has no secret '${name}'.`, "not-found", 404);
    for (const v of list) yield this.info(name, v);
  }

  async getSecret(name: string, options: GetSecretOptions = {}) {
    this.check("getSecret", name, options.version);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise((r) => setTimeout(r, 1));
    this.inFlight--;
    const v = options.version ? this.version(name, options.version) : this.latest(name);
    if (!v.enabled) throw new SecretStoreError(`Operation get is not allowed on a disabled secret.`, "forbidden", 403);
    return { info: this.info(name, v), value: v.value };
  }

  async setSecret(name: string, value: string, options: SetSecretOptions = {}) {
    this.check("setSecret", name);
    const version = this.put(name, value, {
      tags: { ...(options.tags ?? {}) },
      ...(options.contentType !== undefined ? { contentType: options.contentType } : {}),
      ...(options.expiresOn ? { expiresOn: options.expiresOn } : {}),
    });
    return this.info(name, this.version(name, version));
  }

  async updateVersion(name: string, version: string, options: UpdateVersionOptions) {
    this.check("updateVersion", name, version);
    const v = this.version(name, version);
    if (options.enabled !== undefined) v.enabled = options.enabled;
    if (options.tags) v.tags = { ...options.tags };
    return this.info(name, v);
  }
}

export class MemoryIssues implements IssueTracker {
  readonly issues: Array<IssueRef & { title: string; body: string; labels: string[]; assignees: string[] }> = [];
  readonly comments: Array<{ issue: number; body: string; key?: string }> = [];
  fail = false;

  async findIssue(keys: { incident?: string; fingerprint: string }) {
    const incident = keys.incident ? `<!-- leakstop:incident=${keys.incident} -->` : undefined;
    return (
      (incident ? this.issues.find((i) => i.body.includes(incident)) : undefined) ??
      this.issues.find((i) => i.body.includes(`<!-- leakstop:fingerprint=${keys.fingerprint} -->`))
    );
  }
  async create(
    title: string,
    body: string,
    options: { labels?: readonly string[]; assignees?: readonly string[] } = {},
  ) {
    if (this.fail) throw new Error("GitHub is down");
    const number = this.issues.length + 1;
    const issue = {
      number,
      url: `https://github.com/acme/app/issues/${number}`,
      state: "open" as const,
      title,
      body,
      labels: [...(options.labels ?? [])],
      assignees: [...(options.assignees ?? [])],
    };
    this.issues.push(issue);
    return issue;
  }
  async comment(issue: number, body: string, options: { key?: string } = {}) {
    // A keyed comment is kept current, as the GitHub adapter does.
    const at =
      options.key === undefined ? -1 : this.comments.findIndex((c) => c.issue === issue && c.key === options.key);
    if (at >= 0) this.comments[at] = { issue, body, ...(options.key ? { key: options.key } : {}) };
    else this.comments.push({ issue, body, ...(options.key ? { key: options.key } : {}) });
    return { url: `https://github.com/acme/app/issues/${issue}#comment-${at >= 0 ? at + 1 : this.comments.length}` };
  }
}

/** Ports over the given vaults, with memory issues and audit log. */
export function memoryPorts(vaults: MemoryVault[], seed = "seed") {
  const issues = new MemoryIssues();
  const audit = createMemoryAuditLog();
  const logs: string[] = [];
  const sensitive: string[] = [];
  const ports: RemediationPorts = {
    secretStore(url) {
      const v = vaults.find((x) => x.vaultUrl === url);
      if (!v) throw new TypeError(`no fake vault ${url}`);
      return v;
    },
    issues,
    audit,
    clock: tickingClock,
    random: seededRandom(seed),
    registerSensitive: (value) => sensitive.push(value),
    log: (line) => logs.push(line),
  };
  return { ports, issues, audit, logs, sensitive };
}
