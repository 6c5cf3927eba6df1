/**
 * A small Azure Resource Manager client for the key rotators: bearer-authenticated JSON calls,
 * long-running operations (a `202` with `Azure-AsyncOperation` or `Location`, followed only on
 * the ARM host itself), and Azure Resource Graph lookups by resource type and name. Plain
 * `fetch` rather than `@azure/arm-*`: eleven management packages (each with core-client,
 * core-lro and its models) would weigh on the bundle and cold start for ~2 calls each.
 */
import type { OperationOptions } from "../../remediation/ports.js";

export const RESOURCE_GRAPH_API_VERSION = "2022-10-01";

/** Options shared by the ARM-backed rotators. */
export interface ArmClientOptions {
  /** `LEAKSTOP_ARM_URL`, default `https://management.azure.com`. */
  readonly armUrl?: string;
  /** A bearer token for `scope` (managed identity, GitHub OIDC federation: `@azure/identity`). */
  readonly getToken: (scope: string, options?: OperationOptions) => Promise<string>;
  /** The transport; default the global `fetch` (tests pass one that trusts their CA). */
  readonly fetch?: typeof fetch;
  /** Wait between polls of a long-running operation. Default 1000. */
  readonly pollIntervalInMs?: number;
}

export interface ArmClient {
  readonly url: string;
  /** One call; follows a long-running operation to its end. `hint` is added to a 403's message. */
  call(method: string, path: string, body?: unknown, op?: OperationOptions, hint?: string): Promise<unknown>;
  /** Resource ids of `types` named `name` (Resource Graph; needs Reader where they live). */
  findByName(types: readonly string[], name: string, op?: OperationOptions): Promise<{ id: string; type: string }[]>;
}

/** Polls of one long-running operation before giving up (regenerations finish in seconds). */
const MAX_POLLS = 60;

export function createArmClient(options: ArmClientOptions): ArmClient {
  const arm = (options.armUrl ?? "https://management.azure.com").replace(/\/+$/, "");
  const origin = new URL(arm).origin;
  const http = options.fetch ?? fetch;
  const interval = options.pollIntervalInMs ?? 1000;

  async function send(method: string, url: string, body: unknown, op?: OperationOptions): Promise<Response> {
    const token = await options.getToken(`${arm}/.default`, op);
    return await http(url, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", accept: "application/json" },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      ...(op?.abortSignal ? { signal: op.abortSignal } : {}),
    });
  }

  async function call(method: string, path: string, body?: unknown, op?: OperationOptions, hint = "") {
    let res = await send(method, `${arm}${path}`, body, op);
    let text = await res.text();
    const where = `${method} ${path.split("?")[0]}`;
    if (!res.ok) throw armError(res.status, where, text, hint);
    if (res.status === 202) {
      // The operation runs on: poll its status (never a URL off the ARM host: the token goes with it).
      const monitor = res.headers.get("azure-asyncoperation") ?? res.headers.get("location");
      if (!monitor || new URL(monitor, arm).origin !== origin) return {};
      for (let i = 0; i < MAX_POLLS; i++) {
        await new Promise((r) => setTimeout(r, Number(res.headers.get("retry-after") ?? 0) * 1000 || interval));
        res = await send("GET", new URL(monitor, arm).href, undefined, op);
        text = await res.text();
        if (!res.ok) throw armError(res.status, where, text, hint);
        const status = (parse(text) as { status?: string }).status;
        if (res.status === 202 || status === "InProgress" || status === "Running") continue;
        if (status && status !== "Succeeded") throw new Error(`${where} ended '${status}': ${safeMessage(text)}`);
        return {};
      }
      throw new Error(`${where} did not finish after ${MAX_POLLS} polls`);
    }
    return text ? parse(text) : {};
  }

  return {
    url: arm,
    call,
    async findByName(types, name, op) {
      if (!/^[A-Za-z0-9][A-Za-z0-9-]{0,62}$/.test(name)) return [];
      const list = types.map((t) => `'${t.toLowerCase()}'`).join(", ");
      const query = `resources | where type in~ (${list}) and name =~ '${name}' | project id, type`;
      const out = (await call(
        "POST",
        `/providers/Microsoft.ResourceGraph/resources?api-version=${RESOURCE_GRAPH_API_VERSION}`,
        { query },
        op,
        " (grant the identity 'Reader' where the resource lives, or tag the secret with ProviderAddress)",
      )) as { data?: Array<{ id?: string; type?: string }> };
      return (out.data ?? []).flatMap((r) => (r.id ? [{ id: r.id, type: r.type ?? "" }] : []));
    },
  };
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

function armError(status: number, where: string, text: string, hint: string): Error {
  return new Error(
    `Azure Resource Manager answered ${status} to ${where}${status === 403 ? hint : ""}: ${safeMessage(text)}`,
  );
}

/** An error body's message, cut short: ARM messages never carry a key. */
export function safeMessage(text: string): string {
  const body = parse(text) as { error?: { code?: string; message?: string } };
  if (body.error) return `${body.error.code ?? ""} ${body.error.message ?? ""}`.trim().slice(0, 300);
  return text.slice(0, 200);
}
