/**
 * Azurite's blob service as the storage data plane: a real SharedKey check, so "the old key is
 * dead" is Azurite's own 403. Accounts and keys come from `AZURITE_ACCOUNTS`
 * (`name:key1:key2;…`), which Azurite reads at start; it cannot change a key while running, so
 * {@link Azurite.setAccounts} restarts it on the same loopback port (in-memory, ~1 s).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { connect, createServer } from "node:net";
import { fileURLToPath } from "node:url";

const MAIN = fileURLToPath(new URL("../../node_modules/azurite/dist/src/blob/main.js", import.meta.url));

export interface AzuriteAccount {
  readonly name: string;
  readonly keys: { readonly key1: string; readonly key2: string };
}

export class Azurite {
  #child: ChildProcess | undefined;
  readonly port: number;
  constructor(port: number) {
    this.port = port;
  }

  static freePort = freePort;

  /** `http://127.0.0.1:PORT/NAME/`, Azurite's path-style blob endpoint for an account. */
  blobEndpoint(name: string): string {
    return `http://127.0.0.1:${this.port}/${name}/`;
  }

  static async start(accounts: readonly AzuriteAccount[]): Promise<Azurite> {
    const a = new Azurite(await freePort());
    await a.setAccounts(accounts);
    return a;
  }

  /** (Re)start with these accounts and keys. */
  async setAccounts(accounts: readonly AzuriteAccount[]): Promise<void> {
    await this.stop();
    const env = {
      ...process.env,
      AZURITE_ACCOUNTS: accounts.map((x) => `${x.name}:${x.keys.key1}:${x.keys.key2}`).join(";"),
    };
    const args = [
      MAIN,
      "--blobHost",
      "127.0.0.1",
      "--blobPort",
      String(this.port),
      "--inMemoryPersistence",
      "--silent",
      "--skipApiVersionCheck",
      "--loose",
    ];
    const child = spawn(process.execPath, args, { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr?.on("data", (c: Buffer) => {
      stderr += c.toString();
    });
    this.#child = child;
    const deadline = Date.now() + 20_000;
    while (!(await accepts(this.port))) {
      if (child.exitCode !== null) throw new Error(`Azurite exited (${child.exitCode}): ${stderr.slice(0, 500)}`);
      if (Date.now() > deadline) throw new Error("Azurite did not start within 20 s");
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async stop(): Promise<void> {
    const child = this.#child;
    this.#child = undefined;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  }
}

async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function accepts(port: number): Promise<boolean> {
  return await new Promise((resolve) => {
    const sock = connect(port, "127.0.0.1");
    sock.once("connect", () => {
      sock.destroy();
      resolve(true);
    });
    sock.once("error", () => resolve(false));
  });
}
