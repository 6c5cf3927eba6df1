/**
 * Private keys in PEM and OpenSSH armour, found across lines (files and runs of added diff
 * lines) and inside strings with escaped `\n`. Public keys and certificates are not secrets.
 */
import type { Rule, RuleExamples } from "../types.js";
import { Faker } from "./fake.js";

/** The body must carry real key material, not a stub like `...` or `<redacted>`. */
function hasKeyMaterial(body: string): boolean {
  const material = body.replace(/\\[nr]|\s|"|'|\+|,/g, "").replace(/^[A-Za-z-]+:.*$/gm, "");
  return /^[A-Za-z0-9/=+]{64,}$/.test(material.replace(/[^A-Za-z0-9/=+]/g, "")) && !/\.\.\.|<|>|\*{3}/.test(body);
}

export const rules: readonly Rule[] = [
  {
    id: "private-key",
    title: "Private key",
    keywords: ["-----begin"],
    multiline: true,
    pattern:
      /-----BEGIN[ A-Z0-9]{0,30}PRIVATE KEY(?: BLOCK)?-----(?:(?!-----)[\s\S]){64,12000}?-----END[ A-Z0-9]{0,30}PRIVATE KEY(?: BLOCK)?-----/,
    placeholderFilter: false,
    // The whole armoured block is the secret: it is what a vault stores and what a finding points at.
    validate: ({ secret }) =>
      hasKeyMaterial(secret.slice(secret.indexOf("-----", 10) + 5, secret.lastIndexOf("-----END"))),
    reference: "https://datatracker.ietf.org/doc/html/rfc7468",
    remediation: "Replace the key pair: revoke certificates or remove the public key everywhere it is trusted.",
  },
];

/** A PEM block of random (not real) key material. */
export function fakePem(f: Faker, label = "RSA PRIVATE KEY", lines = 12, eol = "\n"): string {
  const body = Array.from({ length: lines }, () => f.base64Bytes(48)).join(eol);
  return `-----BEGIN ${label}-----${eol}${body}${eol}-----END ${label}-----`;
}

export function examples(): RuleExamples {
  const f = new Faker(29);
  const rsa = fakePem(f);
  const openssh = fakePem(f, "OPENSSH PRIVATE KEY");
  const escaped = fakePem(f, "PRIVATE KEY", 8, "\\n");
  return {
    truePositives: [
      { text: rsa, secret: rsa, path: "id_rsa" },
      { text: openssh, secret: openssh, path: "deploy_key" },
      { text: `"private_key": "${escaped}\\n",`, secret: escaped, path: "sa.json" },
    ],
    falsePositives: [
      { text: fakePem(f, "PUBLIC KEY") },
      { text: fakePem(f, "CERTIFICATE") },
      { text: "-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----" },
      { text: "-----BEGIN PRIVATE KEY-----\n<your key here>\n-----END PRIVATE KEY-----" },
      // A stub block must not borrow the body of the next block: one block is one key.
      {
        text: `const stub = "-----BEGIN RSA PRIVATE KEY-----\\nAAAA\\n-----END RSA PRIVATE KEY-----";\nconst other = "${"Q".repeat(80)}";\n// -----END RSA PRIVATE KEY-----`,
      },
    ],
  };
}
