/**
 * Where a credential sits inside a stored value, however it is stored: as is or with a trailing
 * newline (LF or CRLF), percent-encoded, base64 of the text (a Kubernetes `data:` value), a
 * JSON-escaped string field (a service-account key's `private_key`, a `{username, password}`
 * secret), or one component of a connection string or URL (quoted or braced). Pure: the same
 * functions decide what a vault value holds and how to write its successor the same way. The
 * decoding itself (percent, base64 text, JSON escapes and fields) is core/responder/value-forms.ts,
 * shared with the vault index.
 */

import { createHash } from "node:crypto";
import { base64Text, jsonStringFields, jsonUnescaped, percentDecoded } from "../core/responder/value-forms.js";
import { secretComponents } from "./generate.js";
import type { HolderEncoding } from "./provider.js";

/** An escape applied to the credential where it is written (inner first). */
export type CredentialEscape = "url" | "json";

/** Where (and in which form) a credential sits in a holder's value. Never carries a value. */
export interface CredentialLocation {
  /** The outermost encoding, as the provider port names it (`base64` wraps the whole value). */
  readonly encoding: HolderEncoding;
  /** Escapes the credential is written with inside the (base64-decoded) text, inner first. */
  readonly escapes: readonly CredentialEscape[];
  /** The whole (decoded, trimmed) value, or one secret component of a connection string / URL. */
  readonly part: "whole" | "component";
  /** RFC 6901 pointer of the JSON string field holding it, e.g. `/private_key`. */
  readonly jsonPointer?: string;
  /** A line ending after the value, kept when a successor is written. */
  readonly trailingNewline?: "\n" | "\r\n";
}

/** One way of reading a stored value: the text a credential is compared with, and where it is. */
export interface HolderView {
  readonly text: string;
  readonly location: CredentialLocation;
}

const MAX_JSON_FIELDS = 200;

/** Every text a stored value may hold a credential as, each with its location. */
export function holderViews(value: string): HolderView[] {
  const out: HolderView[] = [];
  const seen = new Set<string>();
  const add = (text: string, location: CredentialLocation) => {
    if (text.length === 0) return;
    const k = `${location.part}\u0000${location.jsonPointer ?? ""}\u0000${location.escapes.join(",")}\u0000${text}`;
    if (seen.has(k)) return;
    seen.add(k);
    out.push({ text, location });
  };
  const fromText = (text: string, wrapped: boolean) => {
    const nl = /\r\n$/.test(text) ? "\r\n" : /\n$/.test(text) ? "\n" : undefined;
    const body = nl ? text.slice(0, -nl.length) : text;
    const base = (escapes: CredentialEscape[], extra: Partial<CredentialLocation> = {}): CredentialLocation => ({
      encoding: wrapped ? "base64" : extra.jsonPointer !== undefined ? "json" : escapes.includes("url") ? "url" : "raw",
      escapes,
      part: "whole",
      ...(nl ? { trailingNewline: nl } : {}),
      ...extra,
    });
    const withParts = (t: string, escapes: CredentialEscape[], extra: Partial<CredentialLocation> = {}) => {
      add(t, base(escapes, extra));
      const dec = percentDecoded(t);
      if (dec !== undefined) add(dec, base(["url", ...escapes], extra));
      for (const s of secretComponents(t)) {
        const part = t.slice(s.start, s.end);
        add(part, base(escapes, { ...extra, part: "component" }));
        const d = percentDecoded(part);
        if (d !== undefined) add(d, base(["url", ...escapes], { ...extra, part: "component" }));
      }
    };
    withParts(body, []);
    const json = jsonStringFields(body, MAX_JSON_FIELDS);
    for (const [pointer, s] of json) withParts(s, ["json"], { jsonPointer: pointer });
  };
  fromText(value, false);
  const decoded = base64Text(value.trim());
  if (decoded !== undefined) fromText(decoded, true);
  return out;
}

/**
 * The texts a leaked value may be the credential as: itself, trimmed, percent-decoded,
 * base64-decoded (a leaked Kubernetes `data:` value), JSON-unescaped (a key leaked from inside
 * a JSON file), and the secret components of each (a leaked connection string's key).
 */
export function leakForms(leaked: string): { whole: string[]; components: string[] } {
  const whole = new Set<string>([leaked]);
  const trimmed = leaked.replace(/\r?\n$/, "").trim();
  whole.add(trimmed);
  const url = percentDecoded(trimmed);
  if (url !== undefined) whole.add(url);
  const b64 = base64Text(trimmed);
  if (b64 !== undefined) {
    whole.add(b64);
    whole.add(b64.replace(/\r?\n$/, ""));
  }
  const unescaped = jsonUnescaped(trimmed);
  if (unescaped !== undefined) whole.add(unescaped);
  const components = new Set<string>();
  for (const w of whole) {
    for (const s of secretComponents(w)) {
      const part = w.slice(s.start, s.end);
      components.add(part);
      const d = percentDecoded(part);
      if (d !== undefined) components.add(d);
    }
  }
  whole.delete("");
  return { whole: [...whole], components: [...components].filter((c) => c.length > 0) };
}

/**
 * The credential a matched text stands for: the one secret component of a connection string
 * or URL, else the text itself. Holders are grouped by it (a password secret and a connection
 * string that embeds it hold one credential).
 */
export function credentialOf(text: string): string {
  const spans = secretComponents(text);
  const only = spans.length === 1 ? spans[0] : undefined;
  if (!only) return text;
  const part = text.slice(only.start, only.end);
  return percentDecoded(part) ?? part;
}

/**
 * The credential text that a holder's `value` holds at `location`, whose SHA-256 (hex) is
 * `credential` (a {@link CredentialGroup}'s key): what {@link rewriteHolder} replaces. Undefined
 * when the value no longer holds it there. Sensitive: never logged.
 */
export function credentialAt(value: string, location: CredentialLocation, credential: string): string | undefined {
  const same = (a: CredentialLocation) =>
    a.encoding === location.encoding &&
    a.part === location.part &&
    a.jsonPointer === location.jsonPointer &&
    a.escapes.join() === location.escapes.join();
  for (const view of holderViews(value)) {
    if (!same(view.location)) continue;
    const inner = credentialOf(view.text);
    if (sha256(inner) === credential) return inner;
    if (sha256(view.text) === credential) return view.text;
  }
  return undefined;
}

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/**
 * The holder's value with `oldCredential` replaced by `newCredential`, written the way the
 * location says (same escapes, same base64 wrapping, same line ending). Throws a RangeError when
 * the old credential is not found in that form (the value changed since it was matched).
 */
export function rewriteHolder(
  value: string,
  location: CredentialLocation,
  oldCredential: string,
  newCredential: string,
): string {
  const encode = (s: string) =>
    location.escapes.reduce((t, e) => (e === "url" ? encodeURIComponent(t) : JSON.stringify(t).slice(1, -1)), s);
  const replace = (text: string) => {
    const from = encode(oldCredential);
    if (!text.includes(from)) {
      throw new RangeError(
        `The stored value no longer holds the leaked credential in the matched form (${describeLocation(location)}).`,
      );
    }
    return text.split(from).join(encode(newCredential));
  };
  if (location.encoding !== "base64") return replace(value);
  const decoded = base64Text(value.trim()) ?? "";
  const wrapped = Buffer.from(replace(decoded), "utf8").toString("base64");
  return value.endsWith("\n") ? `${wrapped}${value.endsWith("\r\n") ? "\r\n" : "\n"}` : wrapped;
}

/** For plans and issues, e.g. "base64 of the value, JSON field /password". Never a value. */
export function describeLocation(location: CredentialLocation): string {
  const bits: string[] = [];
  if (location.encoding === "base64") bits.push("base64-wrapped");
  if (location.jsonPointer !== undefined) bits.push(`JSON field ${location.jsonPointer}`);
  if (location.part === "component") bits.push("connection-string component");
  if (location.escapes.includes("url")) bits.push("percent-encoded");
  if (location.trailingNewline) bits.push("trailing newline");
  return bits.length ? bits.join(", ") : "the whole value";
}
