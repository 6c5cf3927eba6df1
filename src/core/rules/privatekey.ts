/**
 * Private keys in PEM and OpenSSH armour, found across lines (files and runs of added diff
 * lines) and inside strings with escaped `\n`. Public keys and certificates are not secrets.
 */
import type { Rule, RuleExamples } from "../types.js";
import { Faker } from "./fake.js";

/** The body must carry real key material, not a stub like `...` or `<redacted>`. */
function hasKeyMaterial(body: string): boolean {
  // Headers (`Proc-Type: 4,ENCRYPTED`, `DEK-Info: …`) first, while they are still lines.
  const material = body.replace(/^[A-Za-z-]+:.*$/gm, "").replace(/\\[nr]|\s|"|'|\+|,/g, "");
  return /^[A-Za-z0-9/=+]{64,}$/.test(material.replace(/[^A-Za-z0-9/=+]/g, "")) && !/\.\.\.|<|>|\*{3}/.test(body);
}

/** An armoured block's label says it is encrypted, or its headers do (`Proc-Type: 4,ENCRYPTED`). */
function isEncrypted(block: string): boolean {
  return /^-----BEGIN ENCRYPTED PRIVATE KEY-----/.test(block) || /Proc-Type:\s*4,\s*ENCRYPTED/i.test(block);
}

/** The armoured text inside a base64 value (a Kubernetes Secret's `data:`, a Helm value), if any. */
function decodedPem(value: string): string | undefined {
  try {
    const text = atob(value.replace(/\s+/g, ""));
    return text.startsWith("-----BEGIN") ? text : undefined;
  } catch {
    return undefined;
  }
}

/** A private-key block with real material between its armour lines. */
function isKeyBlock(block: string): boolean {
  return hasKeyMaterial(block.slice(block.indexOf("-----", 10) + 5, block.lastIndexOf("-----END")));
}

const PEM_BLOCK =
  /-----BEGIN[ A-Z0-9]{0,30}PRIVATE KEY(?: BLOCK)?-----(?:(?!-----)[\s\S]){64,12000}?-----END[ A-Z0-9]{0,30}PRIVATE KEY(?: BLOCK)?-----/;

export const rules: readonly Rule[] = [
  {
    id: "private-key-encrypted",
    title: "Encrypted private key (protected by a passphrase; look for the passphrase nearby)",
    keywords: ["-----begin"],
    multiline: true,
    pattern: PEM_BLOCK,
    placeholderFilter: false,
    validate: ({ secret }) => isEncrypted(secret) && isKeyBlock(secret),
    reference: "https://datatracker.ietf.org/doc/html/rfc5958#section-3",
    remediation:
      "Treat it as leaked with its passphrase: replace the key pair, and rotate the passphrase wherever it is stored.",
  },
  {
    id: "private-key-base64",
    title: "Private key, base64-encoded (Kubernetes Secret data, Helm or CI variable)",
    // `-----BEGIN` in base64, from the start of a value.
    keywords: ["ls0tls1crudjti"],
    pattern: /(?<![A-Za-z0-9+/])LS0tLS1CRUdJTi[A-Za-z0-9+/]{120,24000}={0,2}(?![A-Za-z0-9+/=])/,
    window: { before: 0, after: 24_100 },
    startsBeforeKeyword: true,
    placeholderFilter: false,
    validate: ({ secret }) => {
      const pem = decodedPem(secret);
      return pem !== undefined && /PRIVATE KEY(?: BLOCK)?-----/.test(pem.slice(0, 60)) && isKeyBlock(pem);
    },
    reference: "https://kubernetes.io/docs/concepts/configuration/secret/",
    remediation:
      "Replace the key pair, and keep the Secret out of the repository (Sealed Secrets, External Secrets, Key Vault CSI).",
  },
  {
    id: "private-key",
    title: "Private key",
    keywords: ["-----begin"],
    multiline: true,
    pattern: PEM_BLOCK,
    placeholderFilter: false,
    // The whole armoured block is the secret: it is what a vault stores and what a finding points at.
    validate: ({ secret }) => !isEncrypted(secret) && isKeyBlock(secret),
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
  const encrypted = fakePem(f, "ENCRYPTED PRIVATE KEY");
  const legacyEncrypted = fakePem(f, "RSA PRIVATE KEY").replace(
    "-----\n",
    "-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0123456789ABCDEF0123456789ABCDEF\n\n",
  );
  const encoded = btoa(`${fakePem(f, "EC PRIVATE KEY", 4)}\n`);
  const encodedPublic = btoa(`${fakePem(f, "PUBLIC KEY", 4)}\n`);
  return {
    truePositives: [
      { text: encrypted, secret: encrypted, path: "keys/server.key" },
      { text: legacyEncrypted, secret: legacyEncrypted, path: "id_rsa" },
      { text: `data:\n  tls.key: ${encoded}`, secret: encoded, path: "k8s/secret.yaml" },
      {
        text: `  "privateKey": "${encoded}",`,
        secret: encoded,
        path: "appsettings.json",
      },
      { text: rsa, secret: rsa, path: "id_rsa" },
      { text: openssh, secret: openssh, path: "deploy_key" },
      { text: `"private_key": "${escaped}\\n",`, secret: escaped, path: "sa.json" },
    ],
    falsePositives: [
      { text: fakePem(f, "PUBLIC KEY") },
      { text: `data:\n  tls.crt: ${encodedPublic}`, path: "k8s/secret.yaml" },
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
