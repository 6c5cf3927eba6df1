/**
 * Prometheus metrics in the text exposition format (version 0.0.4), written by hand: four
 * counters, a gauge read at scrape time and two histograms do not justify a dependency.
 */

type Labels = Readonly<Record<string, string>>;

/** Acknowledgement latency buckets, in seconds: the target is well under 50 ms. */
const ACK_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
/** Processing time buckets, in seconds: API calls and rotations take seconds. */
const JOB_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

class Counter {
  readonly #values = new Map<string, { labels: Labels; value: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}
  inc(labels: Labels = {}, by = 1): void {
    const key = JSON.stringify(labels);
    const entry = this.#values.get(key) ?? { labels, value: 0 };
    entry.value += by;
    this.#values.set(key, entry);
  }
  get(labels: Labels = {}): number {
    return this.#values.get(JSON.stringify(labels))?.value ?? 0;
  }
  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const { labels, value } of this.#values.values()) lines.push(`${this.name}${fmt(labels)} ${value}`);
    return lines;
  }
}

class Histogram {
  readonly #counts: number[];
  #sum = 0;
  #count = 0;
  constructor(
    readonly name: string,
    readonly help: string,
    readonly buckets: readonly number[],
  ) {
    this.#counts = buckets.map(() => 0);
  }
  observe(seconds: number): void {
    this.#sum += seconds;
    this.#count++;
    for (const [i, le] of this.buckets.entries()) if (seconds <= le) this.#counts[i] = (this.#counts[i] ?? 0) + 1;
  }
  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const [i, le] of this.buckets.entries()) lines.push(`${this.name}_bucket{le="${le}"} ${this.#counts[i]}`);
    lines.push(`${this.name}_bucket{le="+Inf"} ${this.#count}`);
    lines.push(`${this.name}_sum ${this.#sum}`, `${this.name}_count ${this.#count}`);
    return lines;
  }
}

/** The responder's metrics. */
export class Metrics {
  /** Outcomes at receipt: queued, duplicate, ignored, rejected (signature), too_large, error. */
  readonly deliveries = new Counter(
    "leakstop_webhook_deliveries_total",
    "Webhook deliveries received, by event and outcome.",
  );
  /** Outcomes of processing: rotated, no_match, clean, dry_run, failed, retry, dead… */
  readonly processed = new Counter(
    "leakstop_deliveries_processed_total",
    "Deliveries processed, by event and outcome.",
  );
  readonly rotations = new Counter("leakstop_rotations_total", "Key Vault secret versions written by rotations.");
  readonly alertsResolved = new Counter(
    "leakstop_alerts_resolved_total",
    "Secret scanning alerts resolved as revoked.",
  );
  readonly failures = new Counter(
    "leakstop_failures_total",
    "Failures, by stage (receive, process, rotation, resolve).",
  );
  readonly ackSeconds = new Histogram(
    "leakstop_webhook_ack_seconds",
    "Time from a delivery's arrival to its acknowledgement.",
    ACK_BUCKETS,
  );
  readonly processSeconds = new Histogram(
    "leakstop_delivery_processing_seconds",
    "Time to process one delivery (one attempt).",
    JOB_BUCKETS,
  );

  /** The exposition text; `queue` gives the queue depth by state at scrape time. */
  render(queue: Readonly<Record<string, number>>, inFlight: number, writable = true): string {
    const lines = [
      ...this.deliveries.render(),
      ...this.processed.render(),
      ...this.rotations.render(),
      ...this.alertsResolved.render(),
      ...this.failures.render(),
      ...this.ackSeconds.render(),
      ...this.processSeconds.render(),
      "# HELP leakstop_queue_depth Deliveries in the durable queue, by state.",
      "# TYPE leakstop_queue_depth gauge",
      ...Object.entries(queue).map(([state, n]) => `leakstop_queue_depth${fmt({ state })} ${n}`),
      "# HELP leakstop_deliveries_in_flight Deliveries being processed now.",
      "# TYPE leakstop_deliveries_in_flight gauge",
      `leakstop_deliveries_in_flight ${inFlight}`,
      "# HELP leakstop_queue_writable 1 while the durable queue can write; 0 on a full disk or a read-only data directory.",
      "# TYPE leakstop_queue_writable gauge",
      `leakstop_queue_writable ${writable ? 1 : 0}`,
    ];
    return `${lines.join("\n")}\n`;
  }
}

function fmt(labels: Labels): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return "";
  const esc = (v: string) => v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
  return `{${entries.map(([k, v]) => `${k}="${esc(v)}"`).join(",")}}`;
}
