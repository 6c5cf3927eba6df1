/** Credentials of other providers: AWS, GitHub, Slack, Stripe, Google, npm, PyPI, SendGrid, Twilio, OpenAI, Anthropic, keys, JWTs, database URLs, generic assignments. */
import { Buffer } from "node:buffer";
import { b64url, checksummedToken } from "../codec.ts";
import { type Entry, type Group, names } from "../model.ts";
import { privateKeyPem } from "../pem.ts";
import { ALNUM, B64, B64URL, DIGITS, type Rng, UPPER } from "../prng.ts";
import { AWS_REGIONS, app, FIRST, org, USERS, urlPassword } from "../words.ts";
import { plain, secret } from "./common.ts";

export function aws(r: Rng): Group {
  const temp = r.chance(0.25);
  const id = `${temp ? "ASIA" : "AKIA"}${r.str(`${UPPER}234567`, 16)}`;
  const key = r.str(`${ALNUM}/+`, 40);
  const group: Entry[] = [
    secret("aws-access-key-id", ["aws", "access", "key", "id"], id, id),
    secret("aws-secret-access-key", ["aws", "secret", "access", "key"], key, key),
  ];
  if (temp && r.chance(0.6)) {
    const token = `IQoJb3JpZ2luX2Vj${r.str(B64, r.int(300, 380))}`;
    group.push(secret("aws-session-token", ["aws", "session", "token"], token, token));
  }
  if (r.chance(0.5)) group.push(plain(["aws", "region"], r.pick(AWS_REGIONS)));
  return group;
}

export function github(prefix: string, type: string, words: string[][]) {
  return (r: Rng): Group => {
    const t = checksummedToken(prefix, r.str(ALNUM, 30));
    return r.weighted<Group>([
      [[secret(type, r.pick(words), t, t, { scheme: r.pick(["token", "Bearer"]) })], 4],
      [
        [
          {
            ...secret(
              type,
              ["remote", "url"],
              `https://${r.pick(["x-access-token", "oauth2", r.pick(FIRST)])}:${t}@github.com/${org(r)}/${app(r)}.git`,
              t,
            ),
            shape: "url",
          },
        ],
        1,
      ],
    ]);
  };
}

export function githubFineGrained(r: Rng): Group {
  const t = `github_pat_11${r.str(UPPER + DIGITS, 20)}_${r.str(ALNUM, 59)}`;
  return [
    secret("github-fine-grained-pat", r.pick(names("github token", "gh token", "github pat", "gh pat")), t, t, {
      scheme: "Bearer",
    }),
  ];
}

export function slackToken(r: Rng): Group {
  const d = () => r.str(DIGITS, r.int(10, 13));
  const t = r.weighted<string>([
    [`xoxb-${d()}-${d()}-${r.str(ALNUM, 24)}`, 4],
    [`xoxp-${d()}-${d()}-${d()}-${r.hex(32)}`, 2],
    [`xoxa-2-${d()}-${d()}-${d()}-${r.hex(64)}`, 1],
    [`xoxr-${d()}-${d()}-${r.str(ALNUM, 24)}`, 1],
    [`xoxe-1-${r.str(ALNUM, 140)}`, 1],
  ]);
  return [
    secret("slack-token", r.pick(names("slack bot token", "slack token", "slack api token", "bot token")), t, t, {
      scheme: "Bearer",
    }),
  ];
}

export function slackWebhook(r: Rng): Group {
  const url = `https://hooks.slack.com/services/T${r.str(UPPER + DIGITS, r.int(8, 10))}/B${r.str(UPPER + DIGITS, r.int(8, 10))}/${r.str(ALNUM, 24)}`;
  return [
    {
      ...secret(
        "slack-webhook",
        r.pick(names("slack webhook url", "slack webhook", "alerts webhook", "notify url")),
        url,
        url,
      ),
      shape: "url",
    },
  ];
}

export function stripe(r: Rng): Group {
  const prefix = r.weighted<string>([
    ["sk_live_", 4],
    ["rk_live_", 2],
    ["sk_test_", 2],
  ]);
  const t = `${prefix}${r.chance(0.5) ? r.str(ALNUM, 24) : `51${r.str(ALNUM, 97)}`}`;
  const type = prefix.startsWith("rk") ? "stripe-restricted-key" : "stripe-secret-key";
  return [secret(type, r.pick(names("stripe secret key", "stripe api key", "stripe key")), t, t, { scheme: "Bearer" })];
}

export function google(r: Rng): Group {
  const k = `AIza${r.str(`${ALNUM}-_`, 35)}`;
  return [
    secret(
      "google-api-key",
      r.pick(names("google api key", "maps api key", "gcp api key", "youtube api key", "places key")),
      k,
      k,
    ),
  ];
}

export function privateKey(r: Rng): Group {
  const kind = r.weighted<"rsa" | "ec" | "pkcs8-rsa" | "pkcs8-ec" | "openssh">([
    ["rsa", 3],
    ["pkcs8-rsa", 2],
    ["ec", 2],
    ["pkcs8-ec", 1],
    ["openssh", 2],
  ]);
  const v = privateKeyPem(r, kind);
  return [
    {
      ...secret(
        "private-key",
        r.pick(
          names(
            "private key",
            "signing key",
            "ssh private key",
            "tls key",
            "jwt private key",
            "github app private key",
          ),
        ),
        v,
        v,
      ),
      shape: "pem",
    },
  ];
}

export function jwt(r: Rng): Group {
  const alg = r.pick(["HS256", "RS256", "HS512", "ES256"]);
  const header: Record<string, string> = { alg, typ: "JWT" };
  if (alg !== "HS256" && r.chance(0.6)) header.kid = r.str(B64URL, 27);
  const iat = 1700000000 + r.int(0, 60_000_000);
  const payload: Record<string, unknown> = r.chance(0.5)
    ? {
        sub: r.uuid(),
        name: `${r.pick(FIRST)}`,
        role: r.pick(["admin", "service", "user"]),
        iat,
        exp: iat + r.pick([3600, 86400 * 365, 86400 * 3650]),
      }
    : {
        iss: `https://${app(r)}.${org(r)}.com`,
        aud: r.pick(["api", `api://${r.uuid()}`]),
        sub: `svc-${app(r)}`,
        scope: r.pick(["read write", "orders:read", "admin"]),
        iat,
        exp: iat + 31536000,
      };
  const sigLen = alg.startsWith("RS") ? 256 : alg === "ES256" ? 64 : alg === "HS512" ? 64 : 32;
  const t = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}.${b64url(r.bytes(sigLen))}`;
  return [
    secret(
      "jwt",
      r.pick(names("auth token", "access token", "jwt", "bearer token", "service token", "api token")),
      t,
      t,
      { scheme: "Bearer" },
    ),
  ];
}

export function npm(r: Rng): Group {
  const t = checksummedToken("npm_", r.str(ALNUM, 30));
  return [secret("npm-token", r.pick(names("npm token", "npm auth token", "node auth token")), t, t)];
}

export function pypi(r: Rng): Group {
  // A macaroon: location "pypi.org", identifier, caveats, signature.
  const ident = Buffer.from(`${r.uuid()}`, "latin1");
  const caveat = Buffer.from(
    JSON.stringify(
      r.chance(0.5) ? { version: 1, permissions: "user" } : { version: 1, permissions: { projects: [app(r)] } },
    ),
    "latin1",
  );
  const bytes = Buffer.concat([
    Buffer.from([2, 1, 8]),
    Buffer.from("pypi.org"),
    Buffer.from([2, ident.length]),
    ident,
    Buffer.from([0, 2, caveat.length]),
    caveat,
    Buffer.from([0, 0, 6, 32]),
    Buffer.from(r.bytes(32)),
  ]);
  const t = `pypi-${bytes.toString("base64url")}`;
  return [secret("pypi-token", r.pick(names("pypi token", "twine password", "pypi api token")), t, t)];
}

export function sendgrid(r: Rng): Group {
  const t = `SG.${r.str(B64URL, 22)}.${r.str(B64URL, 43)}`;
  return [
    secret("sendgrid-api-key", r.pick(names("sendgrid api key", "sendgrid key", "smtp password")), t, t, {
      scheme: "Bearer",
    }),
  ];
}

export function twilio(r: Rng): Group {
  if (r.chance(0.5)) {
    const token = r.hex(32);
    return [
      { words: ["twilio", "account", "sid"], value: `AC${r.hex(32)}`, shape: "plain", decoy: "public-identifier" },
      secret("twilio-auth-token", r.pick(names("twilio auth token", "twilio token")), token, token),
    ];
  }
  const s = r.str(ALNUM, 32);
  const sid = `SK${r.hex(32)}`;
  return [
    // An API key SID is an identifier, but like an AWS key id it is conventionally reported (it names a live key).
    secret("twilio-api-key-sid", ["twilio", "api", "key", "sid"], sid, sid),
    secret("twilio-api-key-secret", r.pick(names("twilio api secret", "twilio api key secret")), s, s),
  ];
}

export function openai(r: Rng): Group {
  const t = r.weighted<string>([
    [`sk-proj-${r.str(`${ALNUM}-_`, 74)}T3BlbkFJ${r.str(`${ALNUM}-_`, 74)}`, 3],
    [`sk-${r.str(ALNUM, 20)}T3BlbkFJ${r.str(ALNUM, 20)}`, 2],
    [`sk-svcacct-${r.str(`${ALNUM}-_`, 74)}T3BlbkFJ${r.str(`${ALNUM}-_`, 74)}`, 1],
  ]);
  return [
    secret("openai-api-key", r.pick(names("openai api key", "openai key", "llm api key")), t, t, { scheme: "Bearer" }),
  ];
}

export function anthropic(r: Rng): Group {
  const t = `sk-ant-api03-${r.str(`${ALNUM}-_`, 93)}AA`;
  return [
    secret("anthropic-api-key", r.pick(names("anthropic api key", "claude api key", "anthropic key")), t, t, {
      header: "x-api-key",
    }),
  ];
}

export function dbUrl(type: string, build: (r: Rng, user: string, pw: string) => string) {
  return (r: Rng): Group => {
    const pw = urlPassword(r);
    const url = build(r, r.pick(USERS), pw);
    return [
      {
        ...secret(
          type,
          r.pick([
            ["database", "url"],
            ["db", "url"],
            ["connection", "uri"],
            ["datasource", "url"],
            [type.split("-")[0] as string, "url"],
          ]),
          url,
          pw,
        ),
        shape: "url",
      },
    ];
  };
}

export function generic(type: string, words: string[][], value: (r: Rng) => string) {
  return (r: Rng): Group => {
    const v = value(r);
    return [secret(type, r.pick(words), v, v)];
  };
}
