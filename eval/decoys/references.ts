import { type Group, names } from "../model.ts";
import { ALNUM, DIGITS, type Rng } from "../prng.ts";
import { app, resourceName } from "../words.ts";
import { CRED_WORDS, d, envName } from "./common.ts";

export function envRef(r: Rng): Group {
  const words = r.pick(CRED_WORDS);
  const n = envName(words);
  const exprs: Record<string, string> = {
    py: r.pick([`os.environ["${n}"]`, `os.getenv("${n}")`, `os.environ.get("${n}", "")`]),
    js: r.pick([`process.env.${n}`, `process.env["${n}"] ?? ""`]),
    ts: r.pick([`process.env.${n}!`, `process.env.${n} ?? ""`]),
    go: `os.Getenv("${n}")`,
    java: r.pick([`System.getenv("${n}")`, `env.getProperty("${words.join(".")}")`]),
    cs: r.pick([
      `Environment.GetEnvironmentVariable("${n}")`,
      `configuration["${words.map((w) => w[0]?.toUpperCase() + w.slice(1)).join("")}"]`,
    ]),
    rb: r.pick([`ENV["${n}"]`, `ENV.fetch("${n}")`]),
    php: r.pick([`getenv('${n}')`, `env('${n}')`, `$_ENV['${n}']`]),
    sh: r.pick([`"$${n}"`, `"\${${n}}"`]),
    tf: `var.${words.join("_")}`,
    "*": r.pick([`\${${n}}`, `$${n}`]),
  };
  return [d("env-reference", words, `\${${n}}`, { shape: "expr", exprs })];
}

export function placeholder(r: Rng): Group {
  const words = r.pick(CRED_WORDS);
  const v = r.pick([
    `<your-${words.join("-")}>`,
    `<${words.join("_").toUpperCase()}>`,
    `your-${words.join("-")}-here`,
    `YOUR_${words.join("_").toUpperCase()}`,
    "REPLACE_ME",
    "changeme",
    "change-me",
    "CHANGE_ME",
    "TODO",
    "x".repeat(r.int(8, 40)),
    "X".repeat(r.int(8, 40)),
    "*".repeat(r.int(6, 16)),
    `<insert ${words.join(" ")} here>`,
    "[REDACTED]",
    "<redacted>",
    "placeholder",
    "dummy",
    "...",
    "<secret>",
    `\${${envName(words)}}`,
  ]);
  return [d("placeholder", words, v)];
}

export function placeholderConn(r: Rng): Group {
  const v = r.pick([
    "DefaultEndpointsProtocol=https;AccountName=<storage-account-name>;AccountKey=<storage-account-key>;EndpointSuffix=core.windows.net",
    "DefaultEndpointsProtocol=https;AccountName=[account];AccountKey=[key];EndpointSuffix=core.windows.net",
    "Endpoint=sb://<namespace>.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=<key>",
    "Server=tcp:<server>.database.windows.net,1433;Database=<database>;User ID=<user>;Password=<password>;Encrypt=true",
    "Server=myServerAddress;Database=myDataBase;User Id=myUsername;Password=myPassword;",
    "AccountEndpoint=https://<account>.documents.azure.com:443/;AccountKey=<key>;",
    "Endpoint=https://<name>.azconfig.io;Id=<id>;Secret=<secret>",
    "postgres://USER:PASSWORD@HOST:5432/DBNAME",
    // Joined so this placeholder does not itself trip scanners that run on this repository.
    ["mongodb+srv://", "<username>:<password>@cluster0.example.mongodb.net/?retryWrites=true&w=majority"].join(""),
    "postgresql://user:password@localhost:5432/mydb",
    "mysql://username:password@localhost:3306/database",
    "amqp://guest:guest@localhost:5672/",
    "redis://localhost:6379/0",
    "https://<account>.blob.core.windows.net/<container>?<sas-token>",
    "https://<app>.azurewebsites.net/api/<function>?code=<function-key>",
    "https://hooks.slack.com/services/XXX/YYY/ZZZ",
  ]);
  const words = v.includes("://")
    ? r.pick(names("database url", "connection uri", "webhook url", "url"))
    : r.pick(names("connection string", "storage connection string", "default connection"));
  return [d("placeholder", words, v, { shape: v.includes("://") && !v.includes(";") ? "url" : "connstr" })];
}

export function gha(r: Rng, flavor = "workflow"): Group {
  const words = r.pick(CRED_WORDS);
  const pascal = words.map((w) => w[0]?.toUpperCase() + w.slice(1)).join("");
  const v =
    flavor === "azure-pipelines"
      ? r.pick([`$(${pascal})`, `$(${envName(words)})`])
      : r.pick([`\${{ secrets.${envName(words)} }}`, `\${{secrets.${envName(words)}}}`]);
  return [d("ci-secret-reference", words, v)];
}

export function keyVaultRef(r: Rng): Group {
  const kv = `kv-${resourceName(r)}`.slice(0, 24);
  const name = r.pick([
    "DbPassword",
    "StorageKey",
    "ApiKey",
    "ClientSecret",
    "SqlConnection",
    "ServiceBusConnection",
    "sql-admin-password",
  ]);
  const v = r.pick([
    `@Microsoft.KeyVault(SecretUri=https://${kv}.vault.azure.net/secrets/${name}/)`,
    `@Microsoft.KeyVault(VaultName=${kv};SecretName=${name})`,
    `@Microsoft.KeyVault(SecretUri=https://${kv}.vault.azure.net/secrets/${name}/${r.hex(32)})`,
  ]);
  return [
    d("keyvault-reference", r.pick(CRED_WORDS), v, {
      fits: ["json", "yaml", "env", "tf", "tfvars", "xml", "md", "properties", "ps1", "sh"],
    }),
  ];
}

export function formatString(r: Rng): Group {
  const v = r.pick([
    "Server={0};Database={1};User Id={2};Password={3};",
    "Server=%s;Database=%s;User Id=%s;Password=%s;",
    "postgres://%s:%s@%s:%d/%s",
    "postgresql://{user}:{password}@{host}:{port}/{db}",
    "mongodb://{}:{}@{}/{}",
    "DefaultEndpointsProtocol=https;AccountName={0};AccountKey={1};EndpointSuffix=core.windows.net",
    "%s",
    "{0}",
    "{}",
    "%(password)s",
    "{password}",
    "Bearer {token}",
    "Bearer %s",
    "token %s",
  ]);
  const fits = v.includes("{0}")
    ? ["cs", "json", "xml", "md", "java"]
    : v.includes("%")
      ? ["py", "go", "java", "php", "rb", "sh", "md", "properties", "js", "ts", "ini"]
      : ["py", "md", "toml", "yaml", "rb", "js", "ts"];
  return [
    d(
      "format-string",
      v.length < 16
        ? r.pick(CRED_WORDS)
        : r.pick(names("connection template", "dsn format", "conn str fmt", "url template")),
      v,
      { fits },
    ),
  ];
}

export function templateRef(r: Rng): Group {
  const words = r.pick(CRED_WORDS);
  const pascal = words.map((w) => w[0]?.toUpperCase() + w.slice(1)).join("");
  const [v, fits] = r.pick<[string, string[]]>([
    [`{{ .Values.${words.join(".")} }}`, ["yaml", "md"]],
    [`{{ ${words.join("_")} }}`, ["yaml", "ini", "toml", "md"]],
    [`{{ vault_${words.join("_")} }}`, ["yaml", "ini", "md"]],
    [`{{ lookup('env', '${envName(words)}') }}`, ["yaml", "md"]],
    [`<%= ENV['${envName(words)}'] %>`, ["yaml", "md"]],
    [`__${pascal}__`, ["json", "xml", "yaml", "env", "properties", "md", "tfvars"]],
    [`#{${pascal}}#`, ["json", "xml", "yaml", "env", "properties", "md"]],
    [`%${envName(words)}%`, ["xml", "json", "ps1", "md"]],
  ]);
  return [d("template-reference", words, v, { fits })];
}

export function envVarName(r: Rng): Group {
  const target = r.pick([
    "GITHUB_TOKEN",
    "OPENAI_API_KEY",
    "DB_PASSWORD",
    "AZURE_CLIENT_SECRET",
    "NPM_TOKEN",
    "SLACK_BOT_TOKEN",
    "STRIPE_SECRET_KEY",
    "AWS_SECRET_ACCESS_KEY",
  ]);
  return [
    d(
      "env-var-name",
      r.pick(names("token env", "secret env var", "api key env", "password variable", "token variable")),
      target,
    ),
  ];
}

export function empty(r: Rng): Group {
  const words = r.pick(CRED_WORDS);
  return [
    d("empty", words, "", {
      exprs: { py: "None", js: "null", ts: "undefined", go: `""`, java: "null", cs: "null", rb: "nil", php: "null" },
    }),
  ];
}

export function secretRef(r: Rng): Group {
  return r.weighted<Group>([
    [
      [
        d(
          "secret-reference",
          r.pick(names("secret name", "key vault secret name", "password secret name", "existing secret")),
          r.pick([
            "sql-admin-password",
            "db-credentials",
            "storage-key",
            "redis-auth",
            "api-key",
            "client-secret",
            `${app(r)}-secrets`,
          ]),
        ),
      ],
      3,
    ],
    [
      [
        d(
          "secret-reference",
          r.pick(names("password secret arn", "secret arn")),
          `arn:aws:secretsmanager:${r.pick(["us-east-1", "eu-west-1"])}:${r.str(DIGITS, 12)}:secret:${r.pick(["prod", "staging"])}/${app(r)}/db-${r.str(ALNUM, 6)}`,
        ),
      ],
      2,
    ],
    [
      [
        d("secret-reference", ["key", "vault", "url"], `https://kv-${resourceName(r)}.vault.azure.net/`.slice(0, 60), {
          shape: "url",
        }),
      ],
      2,
    ],
  ]);
}
