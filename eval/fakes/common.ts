/** Building blocks of fake-credential entries. */
import type { Entry } from "../model.ts";

/** An entry whose value holds the true secret `secretPart`. */
export const secret = (
  type: string,
  words: string[],
  value: string,
  secretPart: string,
  extra: Partial<Entry> = {},
): Entry => ({
  words,
  value,
  shape: "token",
  label: { type, secret: secretPart },
  ...extra,
});

/** A GUID that travels with a secret (client id, tenant id): a decoy on its own. */
export const guid = (words: string[], value: string): Entry => ({ words, value, shape: "plain", decoy: "uuid" });
/** A benign setting (a host, a region). */
export const plain = (words: string[], value: string): Entry => ({ words, value, shape: "plain" });
