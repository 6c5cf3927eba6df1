/**
 * Repository shapes: which files a repository of a given stack has, in which format, and what
 * role each plays (where secrets, decoys and test fixtures may land).
 */
import type { Rng } from "./prng.ts";
import { app } from "./words.ts";

/** `main`: secrets and decoys; `example`: placeholders only; `test`: fixtures (rarely a real leak); `static`: no slots. */
export type Role = "main" | "docs" | "ci" | "example" | "test" | "static";

export interface FileTemplate {
  readonly path: string;
  /** Renderer id, e.g. `py`, `json:appsettings`, `yaml:compose`, `static:go-sum`. */
  readonly render: string;
  readonly role: Role;
  /** Relative share of the repository's groups. */
  readonly weight: number;
}

type Spec = readonly [
  path: string | ((r: Rng) => string),
  render: string,
  role: Role,
  weight: number,
  probability: number,
];

const svc = (r: Rng) => app(r);

const STACKS: Record<string, readonly Spec[]> = {
  "node-api": [
    ["package.json", "static:package-json", "static", 0, 1],
    ["package-lock.json", "static:package-lock", "static", 0, 0.8],
    [(r) => `src/config.${r.pick(["js", "ts"])}`, "auto", "main", 3, 1],
    [(r) => `src/services/${svc(r)}.${r.pick(["js", "ts"])}`, "auto", "main", 2, 1],
    [(r) => `src/lib/${svc(r)}Client.ts`, "ts", "main", 2, 0.6],
    [".env", "env", "main", 3, 0.7],
    [".env.example", "env", "example", 1, 0.8],
    ["README.md", "md", "docs", 1, 1],
    ["Dockerfile", "docker", "main", 1, 0.7],
    ["docker-compose.yml", "yaml:compose", "main", 2, 0.6],
    [".github/workflows/ci.yml", "yaml:workflow", "ci", 1, 0.8],
    [(r) => `test/${svc(r)}.test.${r.pick(["js", "ts"])}`, "auto", "test", 1, 0.8],
    ["scripts/deploy.sh", "sh", "main", 1, 0.5],
    [".npmrc", "npmrc", "main", 1, 0.25],
  ],
  "python-service": [
    ["requirements.txt", "static:requirements", "static", 0, 1],
    ["app/settings.py", "py", "main", 3, 1],
    [(r) => `app/${svc(r)}_client.py`, "py", "main", 2, 1],
    [(r) => `app/jobs/${svc(r)}.py`, "py", "main", 1, 0.6],
    [".env", "env", "main", 2, 0.6],
    [".env.sample", "env", "example", 1, 0.6],
    ["config.yaml", "yaml:app", "main", 2, 0.6],
    ["alembic.ini", "ini:generic", "main", 2, 0.6],
    [(r) => `notebooks/${svc(r)}.ipynb`, "ipynb", "main", 2, 0.5],
    [(r) => `tests/test_${svc(r)}.py`, "py", "test", 1, 0.8],
    ["README.md", "md", "docs", 1, 1],
    ["Dockerfile", "docker", "main", 1, 0.6],
    [".pypirc", "ini:pypirc", "main", 1, 0.15],
  ],
  "dotnet-api": [
    ["src/Api/Api.csproj", "static:csproj", "static", 0, 1],
    ["src/Api/appsettings.json", "json:appsettings", "main", 3, 1],
    ["src/Api/appsettings.Development.json", "json:appsettings", "main", 2, 0.7],
    [(r) => `src/Api/Services/${cap(svc(r))}Service.cs`, "cs", "main", 2, 1],
    [(r) => `src/Api/Infrastructure/${cap(svc(r))}Client.cs`, "cs", "main", 2, 0.6],
    ["src/Legacy/Web.config", "xml:web-config", "main", 2, 0.7],
    ["NuGet.config", "xml:nuget", "main", 1, 0.3],
    ["azure-pipelines.yml", "yaml:azure-pipelines", "ci", 1, 0.7],
    ["src/Functions/local.settings.json", "json:local-settings", "main", 2, 0.5],
    [(r) => `tests/Api.Tests/${cap(svc(r))}Tests.cs`, "cs", "test", 1, 0.7],
    ["deploy/setup.ps1", "ps1", "main", 1, 0.5],
    ["README.md", "md", "docs", 1, 1],
  ],
  "java-spring": [
    ["pom.xml", "static:pom", "static", 0, 1],
    ["src/main/resources/application.properties", "properties", "main", 3, 1],
    ["src/main/resources/application-prod.yml", "yaml:app", "main", 2, 0.6],
    [(r) => `src/main/java/com/app/${cap(svc(r))}Config.java`, "java", "main", 2, 1],
    [(r) => `src/main/java/com/app/${cap(svc(r))}Client.java`, "java", "main", 1, 0.6],
    ["src/main/resources/applicationContext.xml", "xml:spring", "main", 2, 0.5],
    [".mvn/settings.xml", "xml:maven-settings", "main", 1, 0.4],
    [(r) => `src/test/java/com/app/${cap(svc(r))}Test.java`, "java", "test", 1, 0.6],
    ["Dockerfile", "docker", "main", 1, 0.6],
    ["README.md", "md", "docs", 1, 1],
  ],
  "go-service": [
    ["go.mod", "static:go-mod", "static", 0, 1],
    ["go.sum", "static:go-sum", "static", 0, 0.9],
    ["cmd/server/main.go", "go", "main", 2, 1],
    ["internal/config/config.go", "go", "main", 3, 1],
    ["config.toml", "toml", "main", 3, 0.8],
    [".env", "env", "main", 2, 0.5],
    ["deploy/k8s/deployment.yaml", "yaml:k8s-deployment", "main", 2, 0.7],
    ["deploy/k8s/secret.yaml", "yaml:k8s-secret", "main", 2, 0.4],
    [(r) => `internal/${svc(r)}/${svc(r)}_test.go`, "go", "test", 1, 0.6],
    ["README.md", "md", "docs", 1, 1],
    ["Dockerfile", "docker", "main", 1, 0.6],
  ],
  "ruby-rails": [
    ["Gemfile", "static:gemfile", "static", 0, 1],
    ["config/database.yml", "yaml:app", "main", 2, 1],
    [(r) => `config/initializers/${svc(r)}.rb`, "rb", "main", 3, 1],
    [(r) => `app/services/${svc(r)}_service.rb`, "rb", "main", 2, 1],
    [".env", "env", "main", 2, 0.5],
    [(r) => `spec/services/${svc(r)}_spec.rb`, "rb", "test", 1, 0.7],
    ["README.md", "md", "docs", 1, 1],
  ],
  "php-laravel": [
    ["composer.json", "static:composer", "static", 0, 1],
    [".env", "env", "main", 4, 0.9],
    [".env.example", "env", "example", 1, 0.9],
    ["config/services.php", "php", "main", 3, 1],
    [(r) => `app/Http/Controllers/${cap(svc(r))}Controller.php`, "php", "main", 2, 1],
    [(r) => `tests/Feature/${cap(svc(r))}Test.php`, "php", "test", 1, 0.6],
    ["README.md", "md", "docs", 1, 1],
  ],
  "terraform-infra": [
    ["main.tf", "tf", "main", 3, 1],
    ["variables.tf", "tf", "main", 2, 1],
    ["terraform.tfvars", "tfvars", "main", 2, 0.6],
    [".terraform.lock.hcl", "static:tf-lock", "static", 0, 1],
    ["scripts/bootstrap.sh", "sh", "main", 2, 0.7],
    ["pipelines/azure-pipelines.yml", "yaml:azure-pipelines", "ci", 1, 0.6],
    ["README.md", "md", "docs", 1, 1],
  ],
  "k8s-deploy": [
    ["k8s/deployment.yaml", "yaml:k8s-deployment", "main", 3, 1],
    ["k8s/secret.yaml", "yaml:k8s-secret", "main", 2, 0.7],
    ["helm/values.yaml", "yaml:helm", "main", 2, 1],
    ["helm/values-prod.yaml", "yaml:helm", "main", 2, 0.6],
    [".github/workflows/deploy.yml", "yaml:workflow", "ci", 2, 1],
    ["scripts/rollout.sh", "sh", "main", 2, 0.7],
    ["README.md", "md", "docs", 1, 1],
  ],
  "data-notebooks": [
    ["requirements.txt", "static:requirements", "static", 0, 1],
    [(r) => `notebooks/01_${svc(r)}.ipynb`, "ipynb", "main", 3, 1],
    [(r) => `notebooks/02_${svc(r)}.ipynb`, "ipynb", "main", 2, 0.7],
    ["src/etl.py", "py", "main", 2, 1],
    [".streamlit/secrets.toml", "toml", "main", 2, 0.8],
    ["README.md", "md", "docs", 1, 1],
  ],
  "ops-scripts": [
    [(r) => `scripts/${r.pick(["backup", "rotate", "sync", "restore"])}.sh`, "sh", "main", 3, 1],
    [(r) => `scripts/${r.pick(["Deploy", "Setup", "Grant"])}-${cap(svc(r))}.ps1`, "ps1", "main", 3, 1],
    ["ansible/group_vars/all.yml", "yaml:app", "main", 2, 0.7],
    ["docs/runbook.md", "md", "docs", 3, 1],
    ["ssh/authorized_keys", "static:authorized-keys", "static", 0, 0.6],
    ["certs/server.crt", "static:certificate", "static", 0, 0.5],
  ],
  "docs-site": [
    ["docs/getting-started.md", "md", "docs", 3, 1],
    ["docs/configuration.md", "md", "docs", 3, 1],
    ["docs/troubleshooting.md", "md", "docs", 2, 1],
    ["docs/api.md", "md", "docs", 2, 0.7],
    ["mkdocs.yml", "yaml:app", "main", 1, 0.6],
    ["README.md", "md", "docs", 1, 1],
  ],
  "functions-app": [
    ["host.json", "static:host-json", "static", 0, 1],
    ["local.settings.json", "json:local-settings", "main", 4, 1],
    [(r) => `src/functions/${svc(r)}.${r.pick(["ts", "js", "py"])}`, "auto", "main", 2, 1],
    [(r) => `src/functions/${svc(r)}Trigger.cs`, "cs", "main", 2, 0.4],
    [".github/workflows/deploy.yml", "yaml:workflow", "ci", 1, 0.7],
    ["README.md", "md", "docs", 1, 1],
  ],
};

/** How often each stack appears (dealt from a bag, so every stack shows up in a large corpus). */
export const STACK_WEIGHTS: ReadonlyArray<readonly [string, number]> = [
  ["node-api", 5],
  ["python-service", 5],
  ["dotnet-api", 5],
  ["java-spring", 3],
  ["go-service", 3],
  ["ruby-rails", 2],
  ["php-laravel", 2],
  ["terraform-infra", 3],
  ["k8s-deploy", 3],
  ["data-notebooks", 2],
  ["ops-scripts", 3],
  ["docs-site", 2],
  ["functions-app", 3],
];

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The files of one repository of `stack` (paths relative to the repository root, unique). */
export function filesOf(stack: string, r: Rng): FileTemplate[] {
  const specs = STACKS[stack];
  if (!specs) throw new RangeError(`unknown stack '${stack}'`);
  const out: FileTemplate[] = [];
  const seen = new Set<string>();
  for (const [p, render, role, weight, probability] of specs) {
    if (!r.chance(probability)) continue;
    const path = typeof p === "string" ? p : p(r);
    if (seen.has(path)) continue;
    seen.add(path);
    const ext = path.slice(path.lastIndexOf(".") + 1);
    out.push({ path, render: render === "auto" ? ext : render, role, weight });
  }
  if (!seen.has(".gitignore")) out.push({ path: ".gitignore", render: "static:gitignore", role: "static", weight: 0 });
  return out;
}
