// Closed-loop command load through the Slack and Discord fakes: `concurrency` people each send a command,
// wait for its answer, and send the next, so "one at a time" really is one at a time and throughput is what
// the app sustains. Latency is from the send to the answer's arrival at the fake (Slack: the post to
// response_url; Discord: the interaction callback, or the edit of a deferred reply). 127.0.0.1 only.
import type { FakeDiscord } from "../../test/fakes/discord.js";
import type { FakeSlack, SlashCommandInput } from "../../test/fakes/slack.js";

/** How long one answer may take before the command counts as failed. */
const ANSWER_TIMEOUT_MS = 30_000;

export interface LoadRun {
  /** Send → answer, per answered command, in milliseconds. */
  latMs: number[];
  /** Commands that got no answer (or an error) within ANSWER_TIMEOUT_MS, by reason. */
  failed: Record<string, number>;
  elapsedMs: number;
  /** Answered commands per second over the run. */
  perSec: number;
}

/** Runs `count` calls of `one` (which resolves once the i-th command is answered), `concurrency` at a time. */
export async function closedLoop(
  count: number,
  concurrency: number,
  one: (i: number) => Promise<void>,
): Promise<LoadRun> {
  const latMs: number[] = [];
  const failed: Record<string, number> = {};
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const t0 = performance.now();
      try {
        await one(i);
        latMs.push(performance.now() - t0);
      } catch (err) {
        const why = err instanceof Error ? err.message.slice(0, 60) : String(err);
        failed[why] = (failed[why] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsedMs = performance.now() - started;
  return { latMs, failed, elapsedMs, perSec: (1000 * latMs.length) / elapsedMs };
}

/** One signed slash command to `url`, resolved when its response_url receives the answer. */
export function slackCommand(
  fake: FakeSlack,
  url: string,
  secret: string,
): (input: SlashCommandInput) => Promise<void> {
  return async (input) => {
    const sent = await fake.sendSlashCommand(url, secret, input);
    if (sent.status !== 200 || !sent.responseUrlId) throw new Error(`ack ${sent.status}`);
    await fake.waitForResponse(sent.responseUrlId, undefined, ANSWER_TIMEOUT_MS);
  };
}

/** Matches the edit of a deferred interaction's reply (PATCH …/webhooks/<app>/<token>/messages/@original). */
const editOf = (token: string) => new RegExp(`/webhooks/\\d+/${token}/messages/@original$`);

/** One slash command through the gateway, resolved when it is answered (callback, or edit after a defer). */
export function discordCommand(
  fake: FakeDiscord,
): (opts: Parameters<FakeDiscord["slashCommand"]>[0]) => Promise<void> {
  return async (opts) => {
    const since = fake.requests.length;
    const { id, token } = fake.slashCommand(opts);
    const callback = await fake.waitForCallback(id, ANSWER_TIMEOUT_MS);
    if (callback.status >= 400) throw new Error(`callback ${callback.status}`);
    // 5: "thinking…" first; the answer is the edit that follows.
    if (callback.type === 5) await fake.waitForRequest("PATCH", editOf(token), ANSWER_TIMEOUT_MS, { since });
  };
}

/** Clock ticks per second of /proc/<pid>/stat's CPU times (USER_HZ, 100 on Linux). */
const USER_HZ = 100;

/**
 * CPU time a process has used so far (user + system), in ms (Linux /proc; 10 ms resolution). Per command,
 * over a phase, it is steadier than latency on a shared machine: other work delays a process, it does not
 * make it use more CPU.
 */
export async function cpuMs(pid: number): Promise<number> {
  const { readFile } = await import("node:fs/promises");
  const stat = await readFile(`/proc/${pid}/stat`, "utf8");
  // The fields after the command name (which is in parentheses and may hold spaces): utime is the 14th.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ;
}

/** Resident set size of a process, in MB (Linux /proc). */
export async function rssMb(pid: number): Promise<number> {
  const { readFile } = await import("node:fs/promises");
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kb = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]);
  return kb / 1024;
}
