import { isFragmentWorker, runFragmentWorker } from "../../adapters/git/parallel-scan.js";
import { run } from "./run.js";

// A large history is scanned by worker threads that run this same script (see parallel-scan.ts).
if (isFragmentWorker()) runFragmentWorker();
else await run({ workerScript: new URL(import.meta.url) });
