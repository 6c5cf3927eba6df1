/**
 * Realistic code between the planted values. Lines that mention credentials without holding one
 * (`passwordField`, `token: string`, `getToken()`) are recorded as `identifier` decoys.
 */
import type { Emitter } from "../model.ts";
import type { Rng } from "../prng.ts";
import type { CodeLang } from "./langs.ts";

type Filler = (em: Emitter, r: Rng, name: string) => void;

const id = (em: Emitter, text: string) => em.decoyLine("identifier", text);
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const plural = (s: string) => (s.endsWith("s") ? s : `${s}s`);

const PY: Filler[] = [
  (em, r, n) =>
    em.push(
      `def get_${n}(session, ${n}_id: int):`,
      `    """Fetch one ${n} record."""`,
      `    response = session.get(f"{BASE_URL}/${plural(n)}/{${n}_id}", timeout=${r.int(5, 30)})`,
      "    response.raise_for_status()",
      "    return response.json()",
      "",
    ),
  (em) => {
    id(em, "def get_token(self) -> str:");
    em.push('    """Return a cached access token, refreshing it when it expires."""');
    id(em, "    if self._token is None or self._token.expires_on < time.time() + 60:");
    id(em, '        self._token = self._credential.get_token("https://management.azure.com/.default")');
    id(em, "    return self._token.token");
    em.push("");
  },
  (em, _r, n) => {
    id(em, "def login(username: str, password: str) -> bool:");
    id(em, "    if len(password) < PASSWORD_MIN_LENGTH:");
    em.push("        return False");
    id(em, "    hashed = bcrypt.hashpw(password.encode(), bcrypt.gensalt())");
    em.push(`    logger.info("${n} login attempt for %s", username)`, "    return verify(username, hashed)", "");
  },
  (em, _r, n) => {
    em.push(`class ${cap(n)}Settings(BaseSettings):`);
    id(em, "    api_key: SecretStr");
    id(em, "    db_password: SecretStr = Field(..., repr=False)");
    em.push(
      `    base_url: str = "https://api.internal/${n}"`,
      "",
      '    model_config = SettingsConfigDict(env_file=".env")',
      "",
    );
  },
  (em, r) => {
    id(em, 'password = getpass.getpass("Password: ")');
    id(em, 'token = input("Paste your access token: ").strip()');
    em.push("if not token:", `    sys.exit(${r.int(1, 2)})`, "");
  },
  (em, r, n) =>
    em.push(
      `@retry(stop=stop_after_attempt(${r.int(3, 5)}))`,
      `def publish_${n}(producer, payload: dict) -> None:`,
      "    producer.send(json.dumps(payload).encode())",
      `    logger.debug("published ${n} %s", payload.get("id"))`,
      "",
    ),
  (em, _r, n) =>
    em.push(
      `def to_frame(rows):`,
      `    df = pd.DataFrame(rows)`,
      `    df["${n}_date"] = pd.to_datetime(df["${n}_date"])`,
      '    return df.sort_values("id")',
      "",
    ),
];

const JS: Filler[] = [
  (em, _r, n) =>
    em.push(
      `async function fetch${cap(n)}(id) {`,
      `  const res = await fetch(\`\${BASE_URL}/${plural(n)}/\${id}\`, { headers });`,
      `  if (!res.ok) throw new Error(\`${n} request failed: \${res.status}\`);`,
      "  return res.json();",
      "}",
      "",
    ),
  (em) => {
    id(em, `const passwordField = document.querySelector("#password");`);
    id(em, `passwordField.addEventListener("input", () => validatePassword(passwordField.value));`);
    em.push("");
  },
  (em) => {
    id(em, "async function getToken() {");
    id(em, "  const token = await msalClient.acquireTokenSilent(tokenRequest);");
    id(em, "  return token.accessToken;");
    em.push("}", "");
  },
  (em, _r, n) => {
    em.push(`function ${n}Router(app) {`);
    id(em, `  app.post("/${n}/login", passport.authenticate("local", { failureRedirect: "/login" }));`);
    id(em, `  app.get("/${n}/token", requireAuth, (req, res) => res.json({ token: req.session.token }));`);
    em.push("}", "");
  },
  (em) => {
    id(em, "if (!process.env.API_KEY) {");
    id(em, `  console.warn("API_KEY is not set; requests will be anonymous");`);
    em.push("}", "");
  },
  (em, r, n) =>
    em.push(
      `const ${n}Cache = new Map();`,
      `const TTL_MS = ${r.int(1, 30) * 60_000};`,
      "",
      `function cached(key, load) {`,
      `  const hit = ${n}Cache.get(key);`,
      "  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;",
      "  const value = load();",
      `  ${n}Cache.set(key, { value, at: Date.now() });`,
      "  return value;",
      "}",
      "",
    ),
];

const TS: Filler[] = [
  (em, _r, n) => {
    em.push(`export interface ${cap(n)}Options {`, "  baseUrl: string;");
    id(em, "  token: string;");
    id(em, "  apiKey?: string;");
    em.push("  timeoutMs?: number;", "}", "");
  },
  (em) => {
    id(em, "export async function getToken(scope: string): Promise<string> {");
    id(em, "  const token = await credential.getToken(scope);");
    id(em, '  if (!token) throw new Error("could not acquire a token");');
    em.push("  return token.token;", "}", "");
  },
  (em, r, n) =>
    em.push(
      `export async function list${cap(plural(n))}(client: HttpClient, page = ${r.int(0, 1)}): Promise<${cap(n)}[]> {`,
      `  const { data } = await client.get<${cap(n)}[]>(\`/${plural(n)}?page=\${page}\`);`,
      "  return data;",
      "}",
      "",
    ),
  (em) => {
    id(em, "const passwordSchema = z.string().min(12).max(128);");
    id(em, "export type Credentials = { username: string; password: string };");
    em.push("");
  },
  (em, _r, n) =>
    em.push(
      `export function is${cap(n)}Ready(state: { status: string }): boolean {`,
      `  return state.status === "ready" || state.status === "succeeded";`,
      "}",
      "",
    ),
];

const GO: Filler[] = [
  (em, _r, n) =>
    em.push(
      `func get${cap(n)}(ctx context.Context, id string) (*${cap(n)}, error) {`,
      `\treq, err := http.NewRequestWithContext(ctx, http.MethodGet, baseURL+"/${plural(n)}/"+id, nil)`,
      "\tif err != nil {",
      `\t\treturn nil, fmt.Errorf("build request: %w", err)`,
      "\t}",
      "\treturn do(req)",
      "}",
      "",
    ),
  (em) => {
    id(em, "func getToken(ctx context.Context, cred azcore.TokenCredential) (string, error) {");
    id(
      em,
      `\ttoken, err := cred.GetToken(ctx, policy.TokenRequestOptions{Scopes: []string{"https://storage.azure.com/.default"}})`,
    );
    em.push("\tif err != nil {", `\t\treturn "", err`, "\t}");
    id(em, "\treturn token.Token, nil");
    em.push("}", "");
  },
  (em) => {
    em.push("type Settings struct {", '\tHost     string `env:"DB_HOST"`');
    id(em, '\tPassword string `env:"DB_PASSWORD"`');
    id(em, '\tAPIKey   string `env:"API_KEY"`');
    em.push("}", "");
  },
  (em, _r, n) =>
    em.push(
      "func getenvDefault(key, fallback string) string {",
      "\tif v, ok := os.LookupEnv(key); ok {",
      "\t\treturn v",
      "\t}",
      "\treturn fallback",
      "}",
      "",
      `var ${n}Timeout = 30 * time.Second`,
      "",
    ),
  (em, r, n) =>
    em.push(
      `func handle${cap(n)}(w http.ResponseWriter, r *http.Request) {`,
      `\tw.Header().Set("Content-Type", "application/json")`,
      `\tw.WriteHeader(http.Status${r.pick(["OK", "Accepted"])})`,
      `\tfmt.Fprintf(w, "{\\"status\\":\\"%s\\"}", "ok")`,
      "}",
      "",
    ),
];

const JAVA: Filler[] = [
  (em, _r, n) =>
    em.push(
      `    public ${cap(n)} find(long id) {`,
      `        return repository.findById(id).orElseThrow(() -> new NotFoundException("${n} " + id));`,
      "    }",
      "",
    ),
  (em) => {
    id(em, "    private String getToken() {");
    id(em, "        AccessToken token = credential.getToken(new TokenRequestContext().addScopes(SCOPE)).block();");
    id(em, "        return token.getToken();");
    em.push("    }", "");
  },
  (em) => {
    id(em, '    @Value("${spring.datasource.password}")');
    id(em, "    private String password;");
    em.push("");
  },
  (em, _r, n) =>
    em.push(
      `    public List<${cap(n)}> findAll(int page) {`,
      `        return repository.findAll(PageRequest.of(page, 50)).getContent();`,
      "    }",
      "",
    ),
  (em, r, n) =>
    em.push(
      `    @Scheduled(fixedDelay = ${r.int(1, 60) * 1000})`,
      `    public void refresh${cap(plural(n))}() {`,
      `        log.info("refreshing ${plural(n)}");`,
      "        cache.invalidateAll();",
      "    }",
      "",
    ),
];

const CS: Filler[] = [
  (em, _r, n) =>
    em.push(
      `        public async Task<${cap(n)}?> GetAsync(int id, CancellationToken cancellationToken)`,
      "        {",
      `            return await _db.${cap(plural(n))}.FindAsync(new object[] { id }, cancellationToken);`,
      "        }",
      "",
    ),
  (em) => {
    id(em, "        public string Password { get; set; } = string.Empty;");
    id(em, "        public string? ApiKey { get; init; }");
    em.push("");
  },
  (em) => {
    id(em, "        private async Task<string> GetTokenAsync()");
    em.push("        {");
    id(
      em,
      "            var token = await _credential.GetTokenAsync(new TokenRequestContext(new[] { Scope }), default);",
    );
    id(em, "            return token.Token;");
    em.push("        }", "");
  },
  (em, _r, n) =>
    em.push(
      `        public async Task<IReadOnlyList<${cap(n)}>> ListAsync(int page = 0)`,
      "        {",
      `            return await _db.${cap(plural(n))}.OrderBy(x => x.Id).Skip(page * 50).Take(50).ToListAsync();`,
      "        }",
      "",
    ),
  (em, r, n) =>
    em.push(`        private static readonly TimeSpan ${cap(n)}Timeout = TimeSpan.FromSeconds(${r.int(5, 120)});`, ""),
  (em, _r, n) =>
    em.push(
      '        [HttpGet("{id}")]',
      `        public async Task<IActionResult> Get${cap(n)}(int id) =>`,
      `            await _service.GetAsync(id, HttpContext.RequestAborted) is { } item ? Ok(item) : NotFound();`,
      "",
    ),
];

const RB: Filler[] = [
  (em, _r, n) =>
    em.push(
      `  def self.find_${n}(id)`,
      `    response = connection.get("/${plural(n)}/#{id}")`,
      "    JSON.parse(response.body)",
      "  end",
      "",
    ),
  (em) => {
    id(em, "  def self.authenticate(user, password)");
    id(em, '    user&.authenticate(password) || raise(AuthError, "invalid password")');
    em.push("  end", "");
  },
  (em) => {
    id(em, "  def self.access_token");
    id(em, "    @access_token ||= Rails.application.credentials.dig(:github, :token)");
    em.push("  end", "");
  },
  (em, r, n) =>
    em.push(
      `  def self.sync_${plural(n)}(since: ${r.int(1, 24)}.hours.ago)`,
      `    ${cap(n)}.where("updated_at > ?", since).find_each(&:sync!)`,
      "  end",
      "",
    ),
];

const PHP: Filler[] = [
  (em, _r, n) =>
    em.push(
      `function find_${n}(PDO $pdo, int $id): ?array`,
      "{",
      `    $stmt = $pdo->prepare('SELECT * FROM ${plural(n)} WHERE id = ?');`,
      "    $stmt->execute([$id]);",
      "    return $stmt->fetch() ?: null;",
      "}",
      "",
    ),
  (em) => {
    id(em, "if (!password_verify($_POST['password'], $user['password_hash'])) {");
    em.push("    http_response_code(401);", "    exit;", "}", "");
  },
  (em) => {
    id(em, "$token = $request->bearerToken();");
    id(em, "$apiKey = $request->header('X-API-Key');");
    em.push("");
  },
  (em, r, n) =>
    em.push(
      `function ${n}_cache_key(int $id): string`,
      "{",
      `    return sprintf('${n}:%d:v${r.int(1, 4)}', $id);`,
      "}",
      "",
    ),
];

export const FILLERS: Record<CodeLang, readonly Filler[]> = {
  py: PY,
  js: JS,
  ts: TS,
  go: GO,
  java: JAVA,
  cs: CS,
  rb: RB,
  php: PHP,
};
