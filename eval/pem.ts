/**
 * DER/PEM and OpenSSH structures built from random bytes: structurally valid containers
 * (real ASN.1 / openssh-key-v1 framing), mathematically meaningless keys.
 */
import { Buffer } from "node:buffer";
import type { Rng } from "./prng.ts";

function derLen(n: number): number[] {
  if (n < 0x80) return [n];
  if (n < 0x100) return [0x81, n];
  return [0x82, (n >> 8) & 0xff, n & 0xff];
}

function tlv(tag: number, body: readonly number[] | Uint8Array): number[] {
  const b = [...body];
  return [tag, ...derLen(b.length), ...b];
}

const seq = (...parts: number[][]) => tlv(0x30, parts.flat());
const octets = (b: readonly number[] | Uint8Array) => tlv(0x04, b);
const bits = (b: readonly number[] | Uint8Array) => tlv(0x03, [0, ...b]);
const nul = () => [0x05, 0x00];
const smallInt = (v: number) => tlv(0x02, [v]);

/** A positive INTEGER of `size` bytes with the top bit set (as RSA moduli are). */
function bigInt(r: Rng, size: number): number[] {
  const b = [...r.bytes(size)];
  b[0] = ((b[0] as number) | 0x80) & 0xff;
  return tlv(0x02, [0, ...b]);
}

function oid(dotted: string): number[] {
  const parts = dotted.split(".").map(Number);
  const out = [(parts[0] as number) * 40 + (parts[1] as number)];
  for (const p of parts.slice(2)) {
    const stack = [p & 0x7f];
    let v = p >>> 7;
    while (v > 0) {
      stack.unshift((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    out.push(...stack);
  }
  return tlv(0x06, out);
}

const RSA_OID = "1.2.840.113549.1.1.1";
const EC_OID = "1.2.840.10045.2.1";
const P256_OID = "1.2.840.10045.3.1.7";

function pem(label: string, der: readonly number[], width = 64): string {
  const body = Buffer.from(der).toString("base64");
  const lines = body.match(new RegExp(`.{1,${width}}`, "g")) ?? [];
  return [`-----BEGIN ${label}-----`, ...lines, `-----END ${label}-----`].join("\n");
}

function rsaPkcs1(r: Rng, bitsLen: number): number[] {
  const n = bitsLen / 8;
  const h = n / 2;
  return seq(
    smallInt(0),
    bigInt(r, n),
    tlv(0x02, [1, 0, 1]),
    bigInt(r, n),
    bigInt(r, h),
    bigInt(r, h),
    bigInt(r, h),
    bigInt(r, h),
    bigInt(r, h),
  );
}

function ecPoint(r: Rng): number[] {
  return [0x04, ...r.bytes(64)];
}

export type PrivateKeyKind = "rsa" | "ec" | "pkcs8-rsa" | "pkcs8-ec" | "openssh";

/** A PEM private key block with `\n` line ends. */
export function privateKeyPem(r: Rng, kind: PrivateKeyKind): string {
  switch (kind) {
    case "rsa":
      return pem("RSA PRIVATE KEY", rsaPkcs1(r, r.pick([2048, 2048, 4096])));
    case "pkcs8-rsa":
      return pem("PRIVATE KEY", seq(smallInt(0), seq(oid(RSA_OID), nul()), octets(rsaPkcs1(r, 2048))));
    case "ec":
      return pem(
        "EC PRIVATE KEY",
        seq(smallInt(1), octets(r.bytes(32)), tlv(0xa0, oid(P256_OID)), tlv(0xa1, bits(ecPoint(r)))),
      );
    case "pkcs8-ec": {
      const inner = seq(smallInt(1), octets(r.bytes(32)), tlv(0xa1, bits(ecPoint(r))));
      return pem("PRIVATE KEY", seq(smallInt(0), seq(oid(EC_OID), oid(P256_OID)), octets(inner)));
    }
    case "openssh":
      return opensshPrivate(r);
  }
}

function sshString(b: readonly number[] | Uint8Array | string): number[] {
  const bytes = typeof b === "string" ? [...Buffer.from(b, "latin1")] : [...b];
  const n = bytes.length;
  return [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff, ...bytes];
}

function u32(v: number): number[] {
  return [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
}

function opensshPrivate(r: Rng): string {
  const pub = r.bytes(32);
  const pubBlob = [...sshString("ssh-ed25519"), ...sshString(pub)];
  const check = r.u32();
  const priv = [
    ...u32(check),
    ...u32(check),
    ...sshString("ssh-ed25519"),
    ...sshString(pub),
    ...sshString([...r.bytes(32), ...pub]),
    ...sshString(
      `${r.pick(["deploy", "ci", "ops", "root"])}@${r.pick(["build-agent", "bastion", "laptop", "jumpbox"])}`,
    ),
  ];
  for (let i = 1; priv.length % 8 !== 0; i++) priv.push(i);
  const body = [
    ...Buffer.from("openssh-key-v1\0", "latin1"),
    ...sshString("none"),
    ...sshString("none"),
    ...sshString(""),
    ...u32(1),
    ...sshString(pubBlob),
    ...sshString(priv),
  ];
  return pem("OPENSSH PRIVATE KEY", body, 70);
}

/** `-----BEGIN PUBLIC KEY-----` (SubjectPublicKeyInfo, RSA 2048). */
export function publicKeyPem(r: Rng): string {
  const rsaPub = seq(bigInt(r, 256), tlv(0x02, [1, 0, 1]));
  return pem("PUBLIC KEY", seq(seq(oid(RSA_OID), nul()), bits(rsaPub)));
}

function name(cn: string): number[] {
  return seq(tlv(0x31, seq(oid("2.5.4.3"), tlv(0x0c, [...Buffer.from(cn, "utf8")]))));
}

/** `-----BEGIN CERTIFICATE-----`: an X.509 v3 framing with a random key and signature. */
export function certificatePem(r: Rng, cn: string): string {
  const utc = (s: string) => tlv(0x17, [...Buffer.from(s, "latin1")]);
  const year = r.int(23, 25);
  const spki = seq(seq(oid(RSA_OID), nul()), bits(seq(bigInt(r, 256), tlv(0x02, [1, 0, 1]))));
  const sigAlg = seq(oid("1.2.840.113549.1.1.11"), nul());
  const tbs = seq(
    tlv(0xa0, smallInt(2)),
    tlv(0x02, [0x10, ...r.bytes(15)]),
    sigAlg,
    name(`${cn} CA`),
    seq(utc(`${year}0101000000Z`), utc(`${year + 2}0101000000Z`)),
    name(cn),
    spki,
  );
  return pem("CERTIFICATE", seq(tbs, sigAlg, bits(r.bytes(256))));
}

/** An OpenSSH public key line: `ssh-rsa AAAA... comment` or `ssh-ed25519 AAAA... comment`. */
export function sshPublicKey(r: Rng, comment: string): string {
  if (r.chance(0.5)) {
    const blob = [...sshString("ssh-ed25519"), ...sshString(r.bytes(32))];
    return `ssh-ed25519 ${Buffer.from(blob).toString("base64")} ${comment}`;
  }
  const n = [0, ...r.bytes(256)];
  n[1] = ((n[1] as number) | 0x80) & 0xff;
  const blob = [...sshString("ssh-rsa"), ...sshString([1, 0, 1]), ...sshString(n)];
  return `ssh-rsa ${Buffer.from(blob).toString("base64")} ${comment}`;
}
