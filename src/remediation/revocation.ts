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
  // A JWT's reference is its format's RFC, not a provider: say how to find and act at the issuer.
  jwt: {
    provider: "the token's issuer (its `iss` claim)",
    url: "https://www.rfc-editor.org/rfc/rfc7519#section-4.1.1",
    how: "A signed JWT stays valid until it expires. Find its issuer from the `iss` claim (decode it locally, never in an online decoder), then revoke the session or refresh token there; for a long-lived token, rotate the issuer's signing key, which invalidates every token it signed.",
  },
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
  // AI and ML platforms. "Delete" here means the leaked key stops working at once; creating a
  // new key alone leaves the leaked one valid.
  "azure-ml-classic-key": {
    provider: "Azure Machine Learning Studio (classic)",
    url: "https://portal.azure.com/",
    how: "Regenerate the web service's primary and secondary keys (Azure portal → the classic web service → keys, or the Azure ML Web Services portal), or delete the web service; Studio (classic) is retired, so move the model to an Azure ML online endpoint and delete the classic service.",
  },
  "groq-api-key": {
    provider: "Groq",
    url: "https://console.groq.com/keys",
    how: "Delete the leaked key on the GroqCloud console's API Keys page (creating a new key does not revoke it), then create a new one and store it in the vault.",
  },
  "replicate-api-token": {
    provider: "Replicate",
    url: "https://replicate.com/account/api-tokens",
    how: "Delete the leaked token under Account settings → API tokens, then create a new token and store it in the vault.",
  },
  "perplexity-api-key": {
    provider: "Perplexity",
    url: "https://docs.perplexity.ai/guides/api-key-management",
    how: "Revoke the leaked key on the API Keys page of the API console (console.perplexity.ai) or with the /revoke_auth_token endpoint (revocation is permanent), then generate a new key in the same API group and store it in the vault.",
  },
  "xai-api-key": {
    provider: "xAI",
    url: "https://console.x.ai/",
    how: "In the xAI console open the team's API Keys page, delete the leaked key, then create a new one and store it in the vault.",
  },
  "openrouter-api-key": {
    provider: "OpenRouter",
    url: "https://openrouter.ai/settings/keys",
    how: "Delete (not only disable) the leaked key on Settings → API Keys, then create a new key and store it in the vault.",
  },
  "langsmith-api-key": {
    provider: "LangSmith (LangChain)",
    url: "https://smith.langchain.com/settings",
    how: "In Settings → API Keys delete the leaked personal access token or service key, then create a new one and store it in the vault.",
  },
  "pinecone-api-key": {
    provider: "Pinecone",
    url: "https://app.pinecone.io/",
    how: "In the Pinecone console open the project → API Keys, delete the leaked key, then create a new key and store it in the vault.",
  },
  "elevenlabs-api-key": {
    provider: "ElevenLabs",
    url: "https://elevenlabs.io/app/settings/api-keys",
    how: "Delete the leaked key on Settings → API Keys, then create a new key (scoped to what the app needs) and store it in the vault.",
  },
  "fireworks-api-key": {
    provider: "Fireworks AI",
    url: "https://docs.fireworks.ai/tools-sdks/firectl/commands/api-key-delete",
    how: "Delete the leaked key in the dashboard's Settings → API Keys (or `firectl api-key delete KEY_ID`), then create a new one and store it in the vault.",
  },
  "cerebras-api-key": {
    provider: "Cerebras",
    url: "https://cloud.cerebras.ai/",
    how: "In the Cerebras Cloud console open API Keys, delete the leaked key, then generate a new one and store it in the vault.",
  },
  "cohere-api-key": {
    provider: "Cohere",
    url: "https://dashboard.cohere.com/api-keys",
    how: "Delete the leaked key on the dashboard's API Keys page, then create a new production key and store it in the vault.",
  },
  "mistral-api-key": {
    provider: "Mistral AI",
    url: "https://console.mistral.ai/api-keys",
    how: "Delete the leaked key on the console's API Keys page, then create a new one and store it in the vault.",
  },
  "deepseek-api-key": {
    provider: "DeepSeek",
    url: "https://platform.deepseek.com/api_keys",
    how: "Delete the leaked key on the platform's API keys page, then create a new one and store it in the vault.",
  },
  "together-api-key": {
    provider: "Together AI",
    url: "https://docs.together.ai/docs/multiple-api-keys",
    how: "Revoke the leaked key in the dashboard's Settings → API Keys; the account's default user key cannot be revoked, so regenerate it instead (Manage Account). Store the new key in the vault.",
  },
  "wandb-api-key": {
    provider: "Weights & Biases",
    url: "https://wandb.ai/settings",
    how: "In User settings → API keys delete (revoke) the leaked key, then create a new key and store it in the vault; service-account keys are revoked in the team's settings.",
  },
  // Package registries.
  "clojars-token": {
    provider: "Clojars",
    url: "https://clojars.org/tokens",
    how: "Click 'Disable token' on the leaked deploy token (disabling is permanent), then create a new token, scoped to the artifact or group, and store it in the vault.",
  },
  "hex-api-key": {
    provider: "Hex.pm",
    url: "https://hex.pm/dashboard/keys",
    how: "Revoke the leaked key on Dashboard → Keys (or `mix hex.user key revoke NAME`), then generate a new key and store it in the vault.",
  },
  "packagist-token": {
    provider: "Packagist",
    url: "https://packagist.org/profile/",
    how: "Regenerate the API token on your Packagist.org profile (the old one stops working); for Private Packagist delete the token under the organization's Settings → Authentication tokens. Store the new token in the vault.",
  },
  // Messaging and realtime.
  "vonage-api-secret": {
    provider: "Vonage",
    url: "https://developer.vonage.com/account/secret-management",
    how: "In the Vonage Dashboard's API settings add a second API secret (an account holds two), switch the apps to it, then revoke the leaked one (or DELETE https://api.nexmo.com/accounts/{api_key}/secrets/{secret_id}).",
  },
  "plivo-auth-token": {
    provider: "Plivo",
    url: "https://www.plivo.com/docs/faq/account/account-management",
    how: "In the console open Account → Settings → Credentials, click 'Generate Auth Token' and choose to revoke the old token (keeping it leaves the leak valid), then store the new token in the vault.",
  },
  "messagebird-access-key": {
    provider: "MessageBird (Bird)",
    url: "https://dashboard.messagebird.com/",
    how: "In the dashboard's Developers → API access, delete the leaked access key, then add a new live key and store it in the vault.",
  },
  "sinch-api-secret": {
    provider: "Sinch",
    url: "https://dashboard.sinch.com/",
    how: "In the Customer Dashboard open Settings → Access keys (or the app's credentials), create a new key, switch the apps to it, then delete the leaked key or secret.",
  },
  "pusher-secret": {
    provider: "Pusher",
    url: "https://docs.bird.com/pusher/channels/channels/connecting/how-can-i-rotate-my-channels-app-keys",
    how: "In the dashboard open the Channels app → App Keys, click 'Create new key and secret', switch the apps to it, then delete the leaked key (three-dot menu → delete) so its secret stops signing.",
  },
  "ably-api-key": {
    provider: "Ably",
    url: "https://ably.com/accounts",
    how: "In the app's 'API Keys' tab revoke the leaked key (revocation is immediate and permanent), then create a new key with the capabilities the app needs and store it in the vault.",
  },
  "stream-api-secret": {
    provider: "Stream",
    url: "https://dashboard.getstream.io/",
    how: "In the app's dashboard add a new API key and secret, switch the apps to it, then revoke the leaked key pair.",
  },
  // Developer tools and observability.
  "readme-api-key": {
    provider: "ReadMe",
    url: "https://dash.readme.com/",
    how: "In the project dashboard open API Keys, revoke the leaked key, then create a new one and store it in the vault.",
  },
  "prefect-api-key": {
    provider: "Prefect Cloud",
    url: "https://docs.prefect.io/v3/how-to-guides/cloud/manage-users/api-keys",
    how: "In Prefect Cloud select the account icon → API Keys and delete the leaked key (a service account's key: rotate it on the service account's page), then create a new key and store it in the vault.",
  },
  "frameio-token": {
    provider: "Frame.io",
    url: "https://developer.frame.io/",
    how: "In the Frame.io developer site's Tokens page delete the leaked developer token, then create a new one with only the scopes needed and store it in the vault.",
  },
  "rollbar-access-token": {
    provider: "Rollbar",
    url: "https://docs.rollbar.com/docs/access-tokens",
    how: "Disable and delete the leaked token (project → Settings → Project Access Tokens, or account Settings → Account Access Tokens), then create a new token with the same scope and store it in the vault.",
  },
  "bugsnag-api-key": {
    provider: "Bugsnag",
    url: "https://app.bugsnag.com/",
    how: "Regenerate the notifier API key in Project settings → Notifier API key (a personal auth token: revoke it under My account settings → Personal auth tokens), then store the new key in the vault.",
  },
  "splunk-hec-token": {
    provider: "Splunk",
    url: "https://docs.splunk.com/Documentation/Splunk/latest/Data/UsetheHTTPEventCollector",
    how: "In Settings → Data inputs → HTTP Event Collector create a new token, switch the senders to it, then disable and delete the leaked token.",
  },
  "mixpanel-secret": {
    provider: "Mixpanel",
    url: "https://docs.mixpanel.com/reference/service-accounts",
    how: "Delete the leaked service account (Organization settings → Service Accounts, or DELETE /organizations/{id}/service-accounts/{id}) and create a new one; a project API secret is reset in the project's settings → Access Keys.",
  },
  "segment-write-key": {
    provider: "Segment",
    url: "https://segment.com/docs/connections/find-writekey/",
    how: "In the source's Settings → API Keys create a new write key, switch the senders to it, then delete the leaked write key.",
  },
  "pagerduty-api-key": {
    provider: "PagerDuty",
    url: "https://support.pagerduty.com/main/docs/api-access-keys",
    how: "Delete the leaked REST API key (Integrations → Developer Tools → API Access Keys; a user token under the user's settings) or regenerate a leaked integration key on the service's Integrations tab, then store the replacement in the vault.",
  },
  // Payments, shipping and commerce.
  "flutterwave-secret-key": {
    provider: "Flutterwave",
    url: "https://app.flutterwave.com/",
    how: "In the dashboard's Settings → API Keys generate new keys (which invalidates the leaked secret and encryption keys), then store them in the vault.",
  },
  "shippo-api-token": {
    provider: "Shippo",
    url: "https://portal.goshippo.com/api-config/api",
    how: "In the API portal's API configuration → Developer keys create a new live key, switch the apps to it, then remove the leaked token (trash icon).",
  },
  "easypost-api-key": {
    provider: "EasyPost",
    url: "https://docs.easypost.com/docs/authentication",
    how: "On the Dashboard's API Keys page add a new production key, switch the apps to it, then disable the leaked key (Status) and delete it.",
  },
  "duffel-access-token": {
    provider: "Duffel",
    url: "https://app.duffel.com/",
    how: "In the dashboard's Developers → Access tokens revoke the leaked live token, then create a new one and store it in the vault.",
  },
  "lob-api-key": {
    provider: "Lob",
    url: "https://help.lob.com/account-management/api-keys",
    how: "In the dashboard's Settings → API Keys click the refresh (rotate) button under the leaked live secret key, which invalidates it at once, then store the new key in the vault.",
  },
  "adyen-api-key": {
    provider: "Adyen",
    url: "https://docs.adyen.com/development-resources/api-credentials",
    how: "In the Customer Area under Developers → API credentials, generate a new API key for the credential, switch the apps to it, then revoke the leaked key.",
  },
  // Email.
  "mailgun-api-key-named": {
    provider: "Mailgun",
    url: "https://app.mailgun.com/settings/api_security",
    how: "On API Security create a new API key, switch the apps to it, then delete the leaked key.",
  },
  "brevo-api-key": {
    provider: "Brevo",
    url: "https://app.brevo.com/settings/keys/api",
    how: "Delete the leaked key on SMTP & API → API keys (an SMTP key on the SMTP tab), then create a new one and store it in the vault.",
  },
  "postmark-server-token": {
    provider: "Postmark",
    url: "https://account.postmarkapp.com/",
    how: "In the server's API Tokens tab (an account token under Account → API Tokens) add a new token, switch the apps to it, then delete the leaked token.",
  },
  "mailjet-secret": {
    provider: "Mailjet",
    url: "https://app.mailjet.com/account/apikeys",
    how: "On Account settings → API Key Management regenerate the secret key of the leaked API key (or delete a sub-account key), then store the new secret in the vault.",
  },
  // SaaS.
  "typeform-token": {
    provider: "Typeform",
    url: "https://admin.typeform.com/user/tokens",
    how: "On Account → Personal tokens delete the leaked token, then generate a new one with only the scopes needed and store it in the vault.",
  },
  "contentful-token": {
    provider: "Contentful",
    url: "https://app.contentful.com/account/profile/cma_tokens",
    how: "On Account settings → CMA tokens revoke the leaked personal access token, then create a new one and store it in the vault.",
  },
  "asana-token": {
    provider: "Asana",
    url: "https://app.asana.com/0/my-apps",
    how: "In the developer console's Personal access tokens list, deauthorize the leaked token, then create a new one and store it in the vault.",
  },
  "zendesk-api-token": {
    provider: "Zendesk",
    url: "https://support.zendesk.com/hc/en-us/articles/4408889192858",
    how: "In Admin Center → Apps and integrations → APIs → API tokens add a new token, switch the apps to it, then deactivate and delete the leaked token.",
  },
  "intercom-access-token": {
    provider: "Intercom",
    url: "https://developers.intercom.com/docs/build-an-integration/learn-more/authentication/",
    how: "In the Developer Hub open the app → Configure → Authentication and regenerate the access token; where it cannot be regenerated, delete the app (its token dies with it) and create a new one. Store the new token in the vault.",
  },
  "adafruit-io-key": {
    provider: "Adafruit IO",
    url: "https://io.adafruit.com/",
    how: "Open the key dialog ('Key' button) and click 'Regenerate Key', which invalidates the leaked one, then store the new key in the vault.",
  },
  "auth0-client-secret": {
    provider: "Auth0",
    url: "https://manage.auth0.com/",
    how: "Rotate the application's client secret (Applications → the app → Settings → Rotate, or POST /api/v2/clients/{id}/rotate-secret); a leaked Management API token is short-lived: rotate the secret of the application that issued it.",
  },
  // Social and chat.
  "discord-bot-token": {
    provider: "Discord",
    url: "https://discord.com/developers/applications",
    how: "In the Developer Portal open the application → Bot and click 'Reset Token' (the leaked token stops working), then store the new token in the vault.",
  },
  "twitter-api-secret": {
    provider: "X (Twitter)",
    url: "https://developer.x.com/en/portal/dashboard",
    how: "In the Developer Portal open the app → Keys and tokens and regenerate the API key and secret or the access token and secret (the old pair stops working), then store the new values in the vault.",
  },
  "twitch-client-secret": {
    provider: "Twitch",
    url: "https://dev.twitch.tv/console/apps",
    how: "In the Developer Console open the application → Manage and click 'New Secret' (the old one stops working); a leaked OAuth token is revoked with POST https://id.twitch.tv/oauth2/revoke.",
  },
  "zoom-client-secret": {
    provider: "Zoom",
    url: "https://marketplace.zoom.us/user/build",
    how: "In the App Marketplace open the app → App Credentials and regenerate the client secret (a webhook secret token: regenerate it in the app's Features), then store the new value in the vault.",
  },
  "line-channel-secret": {
    provider: "LINE",
    url: "https://developers.line.biz/console/",
    how: "In the LINE Developers Console open the channel: reissue the channel secret in Basic settings, reissue or revoke the channel access token in the Messaging API tab (or POST https://api.line.me/v2/oauth/revoke), then store the new value in the vault.",
  },
  // Clouds.
  "alibaba-access-key-secret": {
    provider: "Alibaba Cloud",
    url: "https://ram.console.aliyun.com/",
    how: "In the RAM console open the user → Authentication, create a second AccessKey pair, switch the apps to it, then disable and delete the leaked pair.",
  },
  "tencent-cloud-secret-key": {
    provider: "Tencent Cloud",
    url: "https://console.cloud.tencent.com/cam/capi",
    how: "On CAM → API Key Management create a new key, switch the apps to it, then disable and delete the leaked SecretId/SecretKey.",
  },
  "scaleway-secret-key": {
    provider: "Scaleway",
    url: "https://console.scaleway.com/iam/api-keys",
    how: "On IAM → API keys delete the leaked key (`scw iam api-key delete`), then generate a new one for the same bearer and store it in the vault.",
  },
  "ibm-cloud-api-key": {
    provider: "IBM Cloud",
    url: "https://cloud.ibm.com/iam/apikeys",
    how: "On Manage → Access (IAM) → API keys delete the leaked key (`ibmcloud iam api-key-delete`), then create a new one and store it in the vault.",
  },
  "linode-token": {
    provider: "Akamai (Linode)",
    url: "https://cloud.linode.com/profile/tokens",
    how: "On My Profile → API Tokens revoke the leaked personal access token, then create a new one with only the scopes needed and store it in the vault.",
  },
  "vultr-api-key": {
    provider: "Vultr",
    url: "https://my.vultr.com/settings/#settingsapi",
    how: "On Account → API click 'Regenerate' (the leaked key stops working), then store the new key in the vault.",
  },
  "hetzner-token": {
    provider: "Hetzner Cloud",
    url: "https://docs.hetzner.com/cloud/api/getting-started/generating-api-token",
    how: "In the Cloud Console open the project → Security → API tokens, delete the leaked token, then generate a new one and store it in the vault.",
  },
  "oracle-cloud-auth-token": {
    provider: "Oracle Cloud (OCI)",
    url: "https://docs.oracle.com/en-us/iaas/Content/Identity/Tasks/managingcredentials.htm",
    how: "In the OCI console open the user → Auth tokens, generate a new token, switch the apps to it, then delete the leaked token (`oci iam auth-token delete`).",
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
