/**
 * JSON Web Tokens: three base64url parts whose header is JSON naming a signing algorithm.
 * Unsigned tokens (`alg: none`) grant nothing and are not reported.
 */
import type { Rule, RuleExamples } from "../types.js";
import { Faker } from "./fake.js";

function decodeJson(part: string): Record<string, unknown> | undefined {
  try {
    const b64 = part.replace(/-/g, "+").replace(/_/g, "/");
    const parsed: unknown = JSON.parse(atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4)));
    return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export const rules: readonly Rule[] = [
  {
    id: "jwt",
    title: "JSON Web Token",
    keywords: ["eyj"],
    pattern:
      /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{10,4000}\.eyJ[A-Za-z0-9_-]{10,8000}\.[A-Za-z0-9_-]{20,1000}(?![A-Za-z0-9_-])/,
    validate: ({ secret }) => {
      const [header, payload] = secret.split(".");
      const h = decodeJson(header ?? "");
      return !!h && typeof h.alg === "string" && h.alg.toLowerCase() !== "none" && !!decodeJson(payload ?? "");
    },
    reference: "https://datatracker.ietf.org/doc/html/rfc7519",
    remediation: "Revoke the token's session or rotate the signing key; tokens stay valid until they expire.",
  },
];

const b64url = (value: string) => btoa(value).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");

/** A structurally valid JWT with a random signature. */
export function fakeJwt(f: Faker, alg = "HS256"): string {
  const header = b64url(JSON.stringify({ alg, typ: "JWT" }));
  const payload = b64url(JSON.stringify({ sub: f.chars("0123456789", 8), exp: 4102444800, scope: "repo" }));
  return `${header}.${payload}.${f.base64Bytes(32).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_")}`;
}

export function examples(): RuleExamples {
  const f = new Faker(31);
  const token = fakeJwt(f);
  return {
    truePositives: [{ text: `Authorization: Bearer ${token}`, secret: token, path: "api.http" }],
    falsePositives: [{ text: `const t = "${fakeJwt(f, "none")}";` }, { text: "eyJhbGciOi.eyJzdWIiOi.signature" }],
  };
}
