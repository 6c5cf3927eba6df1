/**
 * How a person revokes a credential that no rotator can act on, by rule id: the provider's own
 * revocation page or API, named in the issue and the dry run. Data, like the rules; every rule
 * id that names a provider has an entry (a test checks it), so an issue never ends at "rotate
 * it somewhere".
 */
import { builtinRules } from "../core/rules/index.js";
import type { ManualRevocation } from "./provider.js";

const AZURE_KEYS: ManualRevocation = {
  provider: "Azure",
  url: "https://learn.microsoft.com/azure/storage/common/storage-account-keys-manage",
  how: "Regenerate the key on the resource's 'Access keys' blade (or `az … keys renew`): regenerate the key the apps do not use, switch them to it, then regenerate the leaked one.",
};

const GITHUB: ManualRevocation = {
  provider: "GitHub",
  url: "https://docs.github.com/rest/credentials/revoke",
  how: "Revoke the token (Settings → Developer settings → tokens, or POST /credentials/revoke), then create a replacement and store it in the vault.",
};

/** Manual revocation by rule id, written for the providers people meet most. */
const WRITTEN: Readonly<Record<string, ManualRevocation>> = {
  "stripe-secret-key": {
    provider: "Stripe",
    url: "https://dashboard.stripe.com/apikeys",
    how: "Roll the key on the API keys page (choose an expiry of 'now'), then store the new key in the vault.",
  },
  "stripe-webhook-secret": {
    provider: "Stripe",
    url: "https://dashboard.stripe.com/webhooks",
    how: "Roll the endpoint's signing secret on the webhook's page, then store the new secret in the vault.",
  },
  "slack-token": {
    provider: "Slack",
    url: "https://api.slack.com/methods/auth.revoke",
    how: "Revoke the token (auth.revoke, or reinstall the app at https://api.slack.com/apps to issue a new one), then store the new token in the vault.",
  },
  "slack-webhook-url": {
    provider: "Slack",
    url: "https://api.slack.com/apps",
    how: "Remove the incoming webhook from the app's 'Incoming Webhooks' page and add a new one.",
  },
  "aws-access-key-id": {
    provider: "AWS",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console",
    how: "Create a second access key for the IAM user, switch the apps to it, then deactivate and delete the leaked key (`aws iam update-access-key --status Inactive`).",
  },
  "aws-secret-access-key": {
    provider: "AWS",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console",
    how: "Create a second access key for the IAM user, switch the apps to it, then deactivate and delete the leaked key (`aws iam update-access-key --status Inactive`).",
  },
  "aws-session-token": {
    provider: "AWS",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_revoke-sessions.html",
    how: "Revoke the role's active sessions (IAM console → role → 'Revoke active sessions').",
  },
  "google-api-key": {
    provider: "Google Cloud",
    url: "https://console.cloud.google.com/apis/credentials",
    how: "Regenerate the key on the Credentials page (or delete it and create a restricted one), then store the new key in the vault.",
  },
  "openai-api-key": {
    provider: "OpenAI",
    url: "https://platform.openai.com/api-keys",
    how: "Revoke the key on the API keys page and create a new one.",
  },
  "anthropic-api-key": {
    provider: "Anthropic",
    url: "https://console.anthropic.com/settings/keys",
    how: "Disable or delete the key in the Console and create a new one.",
  },
  "npm-token": {
    provider: "npm",
    url: "https://docs.npmjs.com/revoking-access-tokens",
    how: "Delete the token (npmjs.com → Access Tokens, or `npm token revoke`), then create a new one.",
  },
  "npmrc-auth-token": {
    provider: "npm",
    url: "https://docs.npmjs.com/revoking-access-tokens",
    how: "Delete the token (npmjs.com → Access Tokens, or `npm token revoke`), then create a new one.",
  },
  "pypi-token": {
    provider: "PyPI",
    url: "https://pypi.org/manage/account/token/",
    how: "Remove the API token in your account settings and create a new one.",
  },
  "sendgrid-api-key": {
    provider: "SendGrid",
    url: "https://app.sendgrid.com/settings/api_keys",
    how: "Delete the API key and create a new one.",
  },
  "twilio-api-key": {
    provider: "Twilio",
    url: "https://console.twilio.com/us1/account/keys-credentials/api-keys",
    how: "Delete the API key and create a new one.",
  },
  "github-pat": GITHUB,
  "github-fine-grained-pat": GITHUB,
  "github-oauth-token": GITHUB,
  "github-user-to-server-token": GITHUB,
  "github-refresh-token": GITHUB,
  "github-app-installation-token": {
    provider: "GitHub",
    url: "https://docs.github.com/rest/apps/installations#revoke-an-installation-access-token",
    how: "Revoke it with DELETE /installation/token (it expires within an hour anyway).",
  },
  "azure-storage-account-key": AZURE_KEYS,
  "azure-sas-token": {
    provider: "Azure Storage",
    url: "https://learn.microsoft.com/azure/storage/common/sas-expiration-policy",
    how: "A SAS cannot be revoked alone: regenerate the account key that signed it (or delete the stored access policy it names).",
  },
  "azure-cosmosdb-key": { ...AZURE_KEYS, url: "https://learn.microsoft.com/azure/cosmos-db/secure-access-to-data" },
  "azure-cosmosdb-connection-string": {
    ...AZURE_KEYS,
    url: "https://learn.microsoft.com/azure/cosmos-db/secure-access-to-data",
  },
  "azure-servicebus-connection-string": {
    ...AZURE_KEYS,
    url: "https://learn.microsoft.com/azure/service-bus-messaging/service-bus-sas",
  },
  "azure-servicebus-key": {
    ...AZURE_KEYS,
    url: "https://learn.microsoft.com/azure/service-bus-messaging/service-bus-sas",
  },
  "azure-eventhubs-key": {
    ...AZURE_KEYS,
    url: "https://learn.microsoft.com/azure/event-hubs/authorize-access-shared-access-signature",
  },
  "azure-relay-key": {
    ...AZURE_KEYS,
    url: "https://learn.microsoft.com/azure/azure-relay/relay-authentication-and-authorization",
  },
  "azure-app-configuration-connection-string": {
    ...AZURE_KEYS,
    url: "https://learn.microsoft.com/azure/azure-app-configuration/howto-disable-access-key-authentication",
  },
  "azure-container-registry-password": {
    ...AZURE_KEYS,
    url: "https://learn.microsoft.com/azure/container-registry/container-registry-authentication",
  },
  "azure-entra-client-secret": {
    provider: "Microsoft Entra ID",
    url: "https://learn.microsoft.com/entra/identity-platform/how-to-add-credentials",
    how: "Add a new client secret to the app registration (Certificates & secrets), switch the apps to it, then delete the leaked one.",
  },
  "azure-devops-pat": {
    provider: "Azure DevOps",
    url: "https://learn.microsoft.com/azure/devops/organizations/accounts/use-personal-access-tokens-to-authenticate#revoke-pats",
    how: "Revoke the personal access token under User settings → Personal access tokens.",
  },
  "azure-devops-pat-legacy": {
    provider: "Azure DevOps",
    url: "https://learn.microsoft.com/azure/devops/organizations/accounts/use-personal-access-tokens-to-authenticate#revoke-pats",
    how: "Revoke the personal access token under User settings → Personal access tokens.",
  },
  "azure-functions-key": {
    provider: "Azure Functions",
    url: "https://learn.microsoft.com/azure/azure-functions/function-keys-how-to",
    how: "Renew the function or host key on the function app's 'App keys' blade.",
  },
  "azure-apim-subscription-key": {
    provider: "Azure API Management",
    url: "https://learn.microsoft.com/azure/api-management/api-management-subscriptions",
    how: "Regenerate the subscription's key on the API Management instance's Subscriptions blade.",
  },
  "sql-server-connection-string": {
    provider: "SQL Server",
    url: "https://learn.microsoft.com/sql/t-sql/statements/alter-login-transact-sql",
    how: "Change the login's password (`ALTER LOGIN … WITH PASSWORD`), then store the new connection string in the vault.",
  },
  "database-url-password": {
    provider: "the database server",
    url: "https://www.postgresql.org/docs/current/sql-alterrole.html",
    how: "Change the role's password (PostgreSQL `ALTER ROLE … PASSWORD`, MySQL `ALTER USER … IDENTIFIED BY`), then store the new URL in the vault.",
  },
  "jdbc-url-password": {
    provider: "the database server",
    url: "https://www.postgresql.org/docs/current/sql-alterrole.html",
    how: "Change the user's password at the database server, then store the new URL in the vault.",
  },
  "private-key": {
    provider: "whoever trusts the key",
    url: "https://docs.github.com/authentication/connecting-to-github-with-ssh/reviewing-your-ssh-keys",
    how: "Remove the public key wherever it is trusted (authorized_keys, deploy keys, a certificate authority's revocation list) and issue a new key pair.",
  },
};

/**
 * Every other format rule names its provider's documentation (`reference`): the issue points
 * there, with the same two steps. Rules as data: a new provider rule gets an entry by having a
 * reference, and the test fails for one that has neither.
 */
function fromRule(rule: { readonly title: string; readonly reference?: string }): ManualRevocation | undefined {
  if (!rule.reference?.startsWith("https://")) return undefined;
  return {
    provider: rule.title,
    url: rule.reference,
    how: "Revoke or roll this credential at its provider (the page linked documents it), then store the replacement as a new version of the vault secret.",
  };
}

/** Manual revocation by rule id: the written entries, else one made from the rule's reference. */
export const MANUAL_REVOCATIONS: Readonly<Record<string, ManualRevocation>> = {
  ...Object.fromEntries(
    builtinRules.flatMap((r) => {
      const derived = WRITTEN[r.id] ? undefined : fromRule(r);
      return derived ? [[r.id, derived] as const] : [];
    }),
  ),
  ...WRITTEN,
};

/** For a secret no provider is known for (a generic password): change it where it is checked. */
export const GENERIC_REVOCATION: ManualRevocation = {
  provider: "the service that checks it",
  url: "https://learn.microsoft.com/azure/key-vault/secrets/tutorial-rotation",
  how: "Change the credential where it is checked, store the new value as a new version of the vault secret, then disable the leaked version. If the vault is the secret's only home, tag the secret `leakstop-provider: none` and leakstop rotates it.",
};

/** The manual revocation for the first rule that has one, else the generic advice. */
export function manualRevocationFor(ruleIds: readonly string[]): ManualRevocation {
  for (const id of ruleIds) {
    const found = MANUAL_REVOCATIONS[id];
    if (found) return found;
  }
  return GENERIC_REVOCATION;
}
