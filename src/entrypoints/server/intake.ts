/**
 * Reading a webhook delivery with bounded memory. An unsigned client must not be able to make
 * the service hold more than a fixed budget, so:
 *
 * - the headers are checked before a byte of the body is read (event, a non-empty delivery id,
 *   a well-formed `X-Hub-Signature-256`): a request without them is refused at once;
 * - a body is admitted only while the bodies being read and not yet verified stay under a count
 *   and a byte budget (the declared length is reserved up front, a chunked body reserves as it
 *   grows); past either, the answer is 503 with `Retry-After` and the connection is closed;
 * - the HMAC of every accepted webhook secret is computed while the body streams in, so
 *   verification costs nothing extra at the end, and an unverified body is dropped the moment
 *   the comparison fails;
 * - a body must arrive within a deadline (slow clients are cut off with 408).
 *
 * GitHub signs `sha256=HMAC-SHA256(secret, raw body)` (https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries).
 */
import { createHmac, type Hmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

/** Limits on bodies that are being read and are not verified yet. */
export interface IntakeLimits {
  /** Largest body (larger: 413). */
  readonly maxBodyBytes: number;
  /** Bodies read at once before their signature is checked (more: 503). */
  readonly maxUnverifiedBodies: number;
  /** Bytes of such bodies held at once (more: 503). */
  readonly maxUnverifiedBytes: number;
  /** A body that takes longer to arrive is refused with 408. */
  readonly bodyTimeoutInMs: number;
}

/** The result of reading one delivery. */
export type Intake =
  | { readonly kind: "ok"; readonly id: string; readonly event: string; readonly body: string; readonly json: object }
  | Refused;

/** A delivery id as GitHub sends it (a GUID), or a test's own: printable, no spaces, ≤ 100 characters. */
const DELIVERY_ID = /^[\w.:-]{1,100}$/;
const EVENT = /^[a-z_]{1,64}$/;
const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;

/** Admission control over the bodies being read; one per server. */
export class IntakeBudget {
  #bodies = 0;
  #bytes = 0;

  constructor(readonly limits: IntakeLimits) {}

  /** Bodies and bytes held now, for health and metrics. */
  get usage(): { bodies: number; bytes: number } {
    return { bodies: this.#bodies, bytes: this.#bytes };
  }

  /**
   * Read, verify and parse one delivery. Never holds more than the budget allows; a refused
   * body is not read further.
   */
  async read(req: IncomingMessage, secrets: readonly string[]): Promise<Intake> {
    const id = single(req, "x-github-delivery");
    const event = single(req, "x-github-event");
    const signature = SIGNATURE.exec(single(req, "x-hub-signature-256") ?? "")?.[1];
    if (!id || !DELIVERY_ID.test(id)) return refuse(400, "X-GitHub-Delivery is missing, empty or malformed.");
    if (!event || !EVENT.test(event)) return refuse(400, "X-GitHub-Event is missing or malformed.");
    if (!signature) return refuse(400, "X-Hub-Signature-256 is missing or not 'sha256=<hex>'.");
    const declared = Number(req.headers["content-length"] ?? Number.NaN);
    if (Number.isFinite(declared) && declared > this.limits.maxBodyBytes) {
      return refuse(413, `Payload larger than ${this.limits.maxBodyBytes} bytes.`);
    }
    if (this.#bodies >= this.limits.maxUnverifiedBodies) return busy();
    const reserved = Number.isFinite(declared) ? declared : 0;
    if (this.#bytes + reserved > this.limits.maxUnverifiedBytes) return busy();
    this.#bodies++;
    this.#bytes += reserved;
    let held = reserved;
    try {
      const body = await this.#stream(req, secrets, (size) => {
        if (size <= held) return true;
        if (this.#bytes + (size - held) > this.limits.maxUnverifiedBytes) return false;
        this.#bytes += size - held;
        held = size;
        return true;
      });
      if (body.kind !== "ok") return body;
      if (!body.macs.some((mac: string) => equalHex(mac, signature))) {
        return refuse(400, "The signature does not match the payload and the webhook secret.", false);
      }
      let json: unknown;
      try {
        json = JSON.parse(body.text);
      } catch {
        return refuse(400, "The payload is not JSON.", false);
      }
      // Signed but odd (`null`, a number, a string, an array): no event payload is any of those.
      if (json === null || typeof json !== "object" || Array.isArray(json)) {
        return refuse(400, "The payload is not a JSON object.", false);
      }
      return { kind: "ok", id, event, body: body.text, json };
    } finally {
      this.#bodies--;
      this.#bytes -= held;
    }
  }

  #stream(req: IncomingMessage, secrets: readonly string[], grow: (size: number) => boolean): Promise<Streamed> {
    const macs: Hmac[] = secrets.map((s) => createHmac("sha256", s));
    const chunks: Buffer[] = [];
    let size = 0;
    return new Promise((resolve) => {
      const finish = (result: Streamed) => {
        clearTimeout(timer);
        req.off("data", onData);
        req.off("end", onEnd);
        req.off("error", onError);
        req.off("aborted", onError);
        if (result.kind !== "ok") {
          chunks.length = 0;
          req.pause();
        }
        resolve(result);
      };
      const onData = (chunk: Buffer) => {
        size += chunk.length;
        if (size > this.limits.maxBodyBytes)
          return finish(refuse(413, `Payload larger than ${this.limits.maxBodyBytes} bytes.`));
        if (!grow(size)) return finish(busy());
        for (const m of macs) m.update(chunk);
        chunks.push(chunk);
      };
      const onEnd = () =>
        finish({ kind: "ok", text: Buffer.concat(chunks).toString("utf8"), macs: macs.map((m) => m.digest("hex")) });
      const onError = () => finish(refuse(400, "The request was aborted.", true));
      const timer = setTimeout(
        () => finish(refuse(408, `The body did not arrive within ${this.limits.bodyTimeoutInMs} ms.`)),
        this.limits.bodyTimeoutInMs,
      );
      req.on("data", onData);
      req.once("end", onEnd);
      req.once("error", onError);
      req.once("aborted", onError);
    });
  }
}

type Refused = {
  readonly kind: "refused";
  readonly status: number;
  readonly message: string;
  readonly close?: boolean;
};
type Streamed = { kind: "ok"; text: string; macs: string[] } | Refused;

/** `close`: the body was not (fully) read, so the connection cannot carry another request. */
function refuse(status: number, message: string, close = true): Refused {
  return { kind: "refused", status, message, close };
}

function busy(): Refused {
  return refuse(503, "Too many deliveries are being received; redeliver later.");
}

function single(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return typeof v === "string" ? v : undefined;
}

function equalHex(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b.toLowerCase(), "hex");
  return x.length === y.length && timingSafeEqual(x, y);
}
