/**
 * A GitHub Actions OIDC issuer double: discovery document and JWKS on a loopback port, keys
 * that can be rotated, and tokens signed the way GitHub signs them (RS256, `kid` header). It
 * counts JWKS fetches so tests can see the cache and the refetch on rotation.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from "jose";

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>["privateKey"];

interface Key {
  readonly kid: string;
  readonly privateKey: PrivateKey;
  readonly jwk: JWK;
}

async function newKey(kid: string): Promise<Key> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" } };
}

export interface OidcIssuerDouble {
  readonly issuer: string;
  /** JWKS requests served so far. */
  jwksFetches(): number;
  /** A token for `claims` (repository etc.), signed with the current key unless `key` is given. */
  token(
    claims: JWTPayload & { aud: string },
    options?: { key?: Key; expiresInSec?: number; notBeforeSec?: number; alg?: string },
  ): Promise<string>;
  /** Add a new key and sign with it from now on (the old one stays published unless `drop`). */
  rotate(options?: { drop?: boolean }): Promise<void>;
  /** A key the issuer never published (a forger's). */
  foreignKey(): Promise<Key>;
  close(): Promise<void>;
}

export async function startOidcIssuer(): Promise<OidcIssuerDouble> {
  let keys: Key[] = [await newKey("k1")];
  let fetches = 0;
  let n = 1;
  const server: Server = createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (req.url === "/.well-known/openid-configuration") {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ issuer: base, jwks_uri: `${base}/.well-known/jwks` }));
    } else if (req.url === "/.well-known/jwks") {
      fetches++;
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ keys: keys.map((k) => k.jwk) }));
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    jwksFetches: () => fetches,
    async token(claims, options = {}) {
      const key = options.key ?? (keys[keys.length - 1] as Key);
      const now = Math.floor(Date.now() / 1000);
      const jwt = new SignJWT({ ...claims })
        .setProtectedHeader({ alg: options.alg ?? "RS256", kid: key.kid, typ: "JWT" })
        .setIssuer(claims.iss ?? issuer)
        .setIssuedAt(now)
        .setNotBefore(now + (options.notBeforeSec ?? 0))
        .setExpirationTime(now + (options.expiresInSec ?? 300))
        .setJti(claims.jti ?? crypto.randomUUID());
      return jwt.sign(key.privateKey);
    },
    async rotate(options = {}) {
      const key = await newKey(`k${++n}`);
      keys = options.drop ? [key] : [...keys, key];
    },
    foreignKey: () => newKey("k1"),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
