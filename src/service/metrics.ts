import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { Tutor } from "../core/tutor.js";

/** Sampling interval of the event loop delay histogram, in milliseconds (prom-client's default). */
const EVENT_LOOP_PRECISION_MS = 10;

/** Prometheus metrics of one process (served at /metrics). */
export class Metrics {
  readonly registry = new Registry();
  readonly commands = new Counter({
    name: "tutor_commands_total",
    help: "Commands and button presses handled, by name and outcome",
    labelNames: ["command", "outcome"] as const,
    registers: [this.registry],
  });
  readonly latency = new Histogram({
    name: "tutor_answer_seconds",
    help: "Time from a command arriving to its answer being ready",
    labelNames: ["command"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
    registers: [this.registry],
  });
  readonly quizAnswers = new Counter({
    name: "tutor_quiz_answers_total",
    help: "Quiz answers recorded, by result",
    labelNames: ["result"] as const,
    registers: [this.registry],
  });
  readonly connected = new Gauge({
    name: "tutor_platform_connected",
    help: "1 when the platform connection is up",
    labelNames: ["platform"] as const,
    registers: [this.registry],
  });
  readonly slackRequests = new Counter({
    name: "tutor_slack_requests_total",
    help: "Requests to the Slack HTTP endpoint, by what the request guard decided (pass, duplicate, reject)",
    labelNames: ["verdict"] as const,
    registers: [this.registry],
  });
  readonly rateLimited = new Counter({
    name: "tutor_rate_limited_total",
    help: "Expensive commands refused by the per-user or per-channel rate limit (answered with a slow-down note)",
    labelNames: ["command", "scope"] as const,
    registers: [this.registry],
  });
  private watched: Tutor | undefined;
  readonly answerQueue = new Gauge({
    name: "tutor_answer_queue_depth",
    help: "Answers waiting for a slot in the answer queue (acknowledgements never wait there)",
    registers: [this.registry],
    collect: () => {
      this.answerQueue.set(this.watched?.answers.depth ?? 0);
    },
  });
  readonly indexEntries = new Gauge({
    name: "tutor_index_entries",
    help: "Entries in the knowledge index",
    registers: [this.registry],
  });

  constructor() {
    // The defaults include the event loop's delay as perf_hooks.monitorEventLoopDelay measures it
    // (nodejs_eventloop_lag_p99_seconds, _max_seconds, … since the last scrape): the number that says
    // whether acknowledgements can still leave within Slack's 3 seconds.
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: EVENT_LOOP_PRECISION_MS });
  }

  /** Counts every command of the tutor and keeps the index size current. */
  watch(tutor: Tutor): void {
    tutor.onCommand((name, outcome, seconds) => {
      this.commands.inc({ command: name, outcome });
      this.latency.observe({ command: name }, seconds);
    });
    tutor.onLimited((command, scope) => this.rateLimited.inc({ command, scope }));
    this.watched = tutor;
    this.indexEntries.set(tutor.indexInfo.entries);
  }
}
