/**
 * Look-alikes that a good scanner must NOT report: placeholders, references, documented example
 * keys, hashes, ids, public keys, redacted or broken tokens, emulator keys, settings named like
 * secrets. Each is an entry with `decoy` set to its kind.
 */

import { CRED_WORDS, d } from "./decoys/common.ts";
import {
  appInsights,
  badChecksum,
  dataBlob,
  docExample,
  emulator,
  hash,
  keywordText,
  publicByDesign,
  publicMaterial,
  randomId,
  redacted,
  setting,
  urlNoSecret,
  uuid,
} from "./decoys/lookalikes.ts";
import {
  empty,
  envRef,
  envVarName,
  formatString,
  gha,
  keyVaultRef,
  placeholder,
  placeholderConn,
  secretRef,
  templateRef,
} from "./decoys/references.ts";
import type { Group } from "./model.ts";
import type { Rng } from "./prng.ts";

export { jwtIoExample, WELL_KNOWN } from "./decoys/common.ts";

export interface DecoyKind {
  readonly kind: string;
  readonly weight: number;
  make(r: Rng): Group;
}

/** Decoy kinds that fit any file, with relative frequency. */
export const DECOY_KINDS: readonly DecoyKind[] = [
  { kind: "placeholder", weight: 8, make: placeholder },
  { kind: "placeholder-connection", weight: 5, make: placeholderConn },
  { kind: "env-reference", weight: 8, make: envRef },
  { kind: "keyvault-reference", weight: 4, make: keyVaultRef },
  { kind: "format-string", weight: 4, make: formatString },
  { kind: "template-reference", weight: 4, make: templateRef },
  { kind: "documented-example", weight: 4, make: docExample },
  { kind: "hash", weight: 6, make: hash },
  { kind: "uuid", weight: 6, make: uuid },
  { kind: "public-material", weight: 5, make: publicMaterial },
  { kind: "redacted", weight: 4, make: redacted },
  { kind: "bad-checksum", weight: 3, make: badChecksum },
  { kind: "appinsights", weight: 4, make: appInsights },
  { kind: "emulator-key", weight: 4, make: emulator },
  { kind: "data-blob", weight: 2, make: dataBlob },
  { kind: "random-id", weight: 5, make: randomId },
  { kind: "env-var-name", weight: 3, make: envVarName },
  { kind: "empty", weight: 4, make: empty },
  { kind: "public-identifier", weight: 3, make: publicByDesign },
  { kind: "secret-reference", weight: 4, make: secretRef },
  { kind: "setting", weight: 5, make: setting },
  { kind: "keyword-text", weight: 2, make: keywordText },
  { kind: "url-without-secret", weight: 3, make: urlNoSecret },
];

/** CI-only references (`${{ secrets.X }}`, `$(Var)`), for pipeline files of `flavor`. */
export const ciSecretRef = gha;

/** Obvious fixtures in tests: what a reviewer would never call a leak. */
export function testFake(r: Rng): Group {
  const words = r.pick(CRED_WORDS);
  const v = r.pick([
    "test-token",
    "fake-api-key",
    "dummy-secret",
    "not-a-real-password",
    "secret",
    "password123",
    "s3cr3t",
    "hunter2",
    "test",
    "abc123",
    "mock-client-secret",
    "fake-token-for-tests",
    "test-password",
    "sk_test_fake",
    "my-secret",
    "testkey",
    "foo",
    "bar",
  ]);
  return [d("test-fixture", words, v)];
}
