/**
 * Slack-shaped load on an app's HTTP endpoint: signed slash commands over keep-alive connections, a fixed
 * number at a time (Slack reuses connections and keeps many requests in flight), then a bounded wait for
 * every acknowledged command's answer on its response_url. Bounded in count and time, 127.0.0.1 only.
 * Used by the load tests and by `npm run bench:slack`.
 */
import { Agent, type ClientRequestArgs, request } from "node:http";
import type { Duplex } from "node:stream";
import {
  type FakeSlack,
  type InteractionResult,
  SLACK_ACK_DEADLINE_MS,
  type SlashCommandInput,
} from "../fakes/slack.js";

export interface LoadOptions {
  count: number;
  /** Requests in flight at once (and keep-alive connections). */
  concurrency: number;
  /** The i-th command. */
  command: (i: number) => SlashCommandInput;
  /** How long to wait for the answers once every command was sent. */
  answerTimeoutMs: number;
  /** Each connection waits this long between its requests (commands arriving over time); 0 by default. */
  paceMs?: number;
  /** Called after each acknowledgement (tests send a signal part-way through). */
  onAck?: (i: number, res: InteractionResult) => void;
  /**
   * "open" (the default): the `concurrency` keep-alive connections are opened (a GET /healthz each)
   * before the clock starts, as Slack's are in steady traffic. "cold": the burst opens them itself, all at
   * once; on a busy event loop Node 20 (libuv 1.45 and later) accepts one new connection per turn of the
   * loop, so the last of a cold burst's connections can wait seconds before its first request is read.
   */
  connections?: "open" | "cold";
}

export interface LoadResult {
  sent: number;
  /** Acknowledged with 200. */
  acked: number;
  /** Answered with another status (401, 503 …), by status. */
  refused: Record<string, number>;
  /** Failed on the wire (connection refused or reset), by error code. */
  failed: Record<string, number>;
  ackMs: number[];
  /** Acknowledgements that took longer than Slack's 3 seconds. */
  lateAcks: number;
  /** Acknowledged commands whose response_url received an answer. */
  answered: number;
  /** Acknowledged commands never answered within answerTimeoutMs. */
  unanswered: number;
  /** From a command's send to its first answer (wall clock: the fake stamps posts with Date.now()). */
  answerMs: number[];
  elapsedMs: number;
  /** Connections opened while the commands were being sent (0 when they were opened beforehand). */
  newConnections: number;
  /** The first response of each acknowledged command, by index. */
  answers: Map<number, Record<string, unknown>>;
  /** When (Date.now()) each command was acknowledged, by index. */
  ackedAt: Map<number, number>;
}

export const percentile = (xs: number[], p: number): number => {
  if (xs.length === 0) return 0;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

/** A keep-alive agent that counts the connections it opens. */
class CountingAgent extends Agent {
  opened = 0;
  override createConnection(
    options: ClientRequestArgs,
    callback?: (err: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    this.opened++;
    return super.createConnection(options, callback);
  }
}

/** Opens `count` keep-alive connections at once through `agent`, one GET each, and leaves them idle in its pool. */
async function openConnections(agent: Agent, url: string, count: number): Promise<void> {
  const healthz = new URL("/healthz", url);
  await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<void>((resolve, reject) => {
          const req = request(healthz, { agent }, (res) => {
            res.resume();
            res.on("end", resolve);
          });
          req.on("error", reject);
          req.end();
        }),
    ),
  );
}

export async function slashLoad(
  fake: FakeSlack,
  url: string,
  secret: string,
  options: LoadOptions,
): Promise<LoadResult> {
  const agent = new CountingAgent({ keepAlive: true, maxSockets: options.concurrency });
  if ((options.connections ?? "open") === "open") await openConnections(agent, url, options.concurrency);
  const openedBefore = agent.opened;
  const started = performance.now();
  const result: LoadResult = {
    sent: 0,
    acked: 0,
    refused: {},
    failed: {},
    ackMs: [],
    lateAcks: 0,
    answered: 0,
    unanswered: 0,
    answerMs: [],
    elapsedMs: 0,
    newConnections: 0,
    answers: new Map(),
    ackedAt: new Map(),
  };
  const pending = new Map<string, { i: number; at: number }>();
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= options.count) return;
      if (options.paceMs && i >= options.concurrency) await new Promise((r) => setTimeout(r, options.paceMs));
      const at = Date.now();
      result.sent++;
      try {
        const res = await fake.sendSlashCommand(url, secret, options.command(i), { agent });
        if (res.status === 200) {
          result.acked++;
          result.ackMs.push(res.elapsedMs);
          if (res.elapsedMs > SLACK_ACK_DEADLINE_MS) result.lateAcks++;
          result.ackedAt.set(i, Date.now());
          if (res.responseUrlId) pending.set(res.responseUrlId, { i, at });
          options.onAck?.(i, res);
        } else {
          result.refused[res.status] = (result.refused[res.status] ?? 0) + 1;
        }
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
        result.failed[code] = (result.failed[code] ?? 0) + 1;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: options.concurrency }, worker));
    result.newConnections = agent.opened - openedBefore;
  } finally {
    agent.destroy();
  }
  const until = performance.now() + options.answerTimeoutMs;
  for (;;) {
    for (const post of fake.responses) {
      const p = pending.get(post.id);
      if (!p) continue;
      pending.delete(post.id);
      result.answered++;
      result.answerMs.push(post.at - p.at);
      result.answers.set(p.i, post.body);
    }
    if (pending.size === 0 || performance.now() > until) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  result.unanswered = pending.size;
  result.elapsedMs = performance.now() - started;
  return result;
}

/** One line of numbers, for logs and the bench. */
export function describeLoad(r: LoadResult): string {
  const f = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  return [
    `sent ${r.sent}, acked ${r.acked}, refused ${JSON.stringify(r.refused)}, failed ${JSON.stringify(r.failed)}`,
    `ack p50 ${f(percentile(r.ackMs, 50))} p99 ${f(percentile(r.ackMs, 99))} max ${f(Math.max(0, ...r.ackMs))}, late ${r.lateAcks}`,
    `answered ${r.answered}, unanswered ${r.unanswered}, answer p50 ${f(percentile(r.answerMs, 50))} p99 ${f(percentile(r.answerMs, 99))}`,
    `elapsed ${f(r.elapsedMs)}, connections opened during the load ${r.newConnections}`,
  ].join("; ");
}
