/**
 * AWS access keys. The key id alone is not a secret but marks the pair; the secret access
 * key is found beside its name or beside the id. Reference:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/security-creds.html
 */
import type { Rule, RuleExamples } from "../types.js";
import { ALNUM, Faker, UPPER_BASE32 } from "./fake.js";

const REMEDIATION = "Deactivate and delete the access key in IAM, then check CloudTrail for its use.";

export const rules: readonly Rule[] = [
  {
    id: "aws-access-key-id",
    title: "AWS access key ID",
    keywords: ["akia", "asia", "abia", "acca"],
    pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9])/,
    minEntropy: 3,
    reference: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html",
    remediation: REMEDIATION,
  },
  {
    id: "aws-secret-access-key",
    title: "AWS secret access key",
    keywords: [
      "secret_access_key",
      "secretaccesskey",
      "secret-access-key",
      "aws_secret",
      "awssecret",
      "aws-secret",
      "akia",
      "asia",
    ],
    pattern:
      /(?:secret[_.-]?access[_.-]?key|aws[_.-]?secret(?:[_.-]?key)?)["']?\s*(?::=|=>|[:=]|,)\s*["']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])|(?:AKIA|ASIA)[A-Z2-7]{16}["']?\s*[,:]\s*["']?(?<secret2>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/i,
    minEntropy: 4,
    reference: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html",
    remediation: REMEDIATION,
  },
  {
    id: "aws-session-token",
    title: "AWS temporary session token",
    // STS session tokens are base64 of a structure whose first bytes encode to these prefixes.
    keywords: ["iqojb3jpz2lux2vj", "fwogzxivyxdz", "fqogzxivyxdz"],
    pattern:
      /(?<![A-Za-z0-9+/])(?:IQoJb3JpZ2luX2Vj|FwoGZXIvYXdz|FQoGZXIvYXdz)[A-Za-z0-9+/]{100,1500}={0,2}(?![A-Za-z0-9+/=])/,
    minEntropy: 4,
    reference: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_use-resources.html",
    remediation: "Revoke the role's active sessions (IAM → Roles → Revoke sessions); the token expires on its own.",
  },
];

export function examples(): RuleExamples {
  const f = new Faker(13);
  const id = `AKIA${f.chars(UPPER_BASE32, 16)}`;
  const secret = f.chars(`${ALNUM}+/`, 40);
  const session = `IQoJb3JpZ2luX2Vj${f.chars(`${ALNUM}+/`, 300)}`;
  return {
    truePositives: [
      { text: `aws_access_key_id = ${id}`, secret: id, path: "credentials" },
      { text: `aws_secret_access_key = ${secret}`, secret, path: "credentials" },
      { text: `AWS_SECRET_ACCESS_KEY="${secret}"`, secret, path: "deploy.sh" },
      { text: `aws_session_token = ${session}`, secret: session, path: "credentials" },
      {
        text: `            ["AwsSecretAccessKey"] = "/${secret.slice(1)}",`,
        secret: `/${secret.slice(1)}`,
        path: "Aws.cs",
      },
    ],
    falsePositives: [
      { text: "aws_access_key_id = AKIAIOSFODNN7EXAMPLE" },
      { text: "AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY}", path: ".env" },
      { text: `aws_secret_access_key = ${"a".repeat(40)}` },
    ],
  };
}
