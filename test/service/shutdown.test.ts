// SIGTERM while Slack commands are arriving, as in a rolling update: /readyz says 503 at once (the load
// balancer stops routing here), the server keeps reading what is still arriving, every command it
// acknowledged is answered, and the process exits 0 within its grace period.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeSlack } from "../fakes/slack.js";
import { killAll, logs, serveProcess } from "../helpers/service.js";
import { describeLoad, slashLoad } from "../helpers/slack-load.js";

const SECRET = "shutdown-test-signing-secret";
const SHUTDOWN_TIMEOUT_MS = 10_000;
const COMMANDS = 40;

let tmp: string;
let slack: FakeSlack;
beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tutor-shutdown-"));
  slack = await FakeSlack.start();
});
afterAll(async () => {
  killAll();
  await slack?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("SIGTERM under Slack traffic", () => {
  it(`${COMMANDS} commands arriving: readiness drops first, every acknowledged one is answered, exit 0`, {
    timeout: 60_000,
  }, async () => {
    const { s, port } = await serveProcess({
      TUTOR_DB: path.join(tmp, "t.sqlite"),
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
    });
    const base = `http://127.0.0.1:${port}`;
    let signalledAt = 0;
    let exitedAt = 0;
    const exited = s.exited.then((code) => {
      exitedAt = Date.now();
      return code;
    });
    // Readiness, polled from the signal on.
    const readiness: { at: number; status: number }[] = [];
    const pollReadiness = async () => {
      while (!exitedAt) {
        const res = await fetch(`${base}/readyz`).catch(() => undefined);
        if (res) readiness.push({ at: Date.now(), status: res.status });
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    let polling: Promise<void> | undefined;
    const r = await slashLoad(slack, `${base}/slack/events`, SECRET, {
      count: COMMANDS,
      concurrency: 4,
      paceMs: 40,
      command: (i) => ({
        command: i % 2 ? "/ask" : "/explain",
        text: i % 2 ? "Docker Compose とは" : "docker cp",
        user_id: `UTERM${i % 8}`,
        channel_id: "CTERM001",
      }),
      onAck: (i) => {
        if (i === 5) {
          signalledAt = Date.now();
          s.child.kill("SIGTERM");
          polling = pollReadiness();
        }
      },
      answerTimeoutMs: 20_000,
    });
    const code = await exited;
    await polling;
    console.info(
      `SIGTERM under traffic: ${describeLoad(r)}; exit ${code} after ${exitedAt - signalledAt} ms`,
    );

    expect(code).toBe(0);
    expect(exitedAt - signalledAt).toBeLessThan(SHUTDOWN_TIMEOUT_MS);
    // Commands kept arriving less than DRAIN_QUIET_MS apart, so the server kept taking them all: none
    // refused, none reset, and every one answered.
    expect(r.failed).toEqual({});
    expect(r.refused).toEqual({});
    expect(r.acked).toBe(COMMANDS);
    expect(r.unanswered).toBe(0);
    expect(r.answered).toBe(COMMANDS);
    // The server kept reading after the signal: commands sent after it were acknowledged and answered.
    const afterSignal = [...r.ackedAt.values()].filter((at) => at > signalledAt + 50);
    expect(afterSignal.length).toBeGreaterThan(0);
    // Readiness turned 503 (a probe sent in the same instant as the signal may still see 200) and stayed
    // so, while commands were still being accepted.
    const first503 = readiness.findIndex((p) => p.status === 503);
    expect(first503).toBeGreaterThanOrEqual(0);
    expect(readiness.slice(first503).filter((p) => p.status !== 503)).toEqual([]);
    expect(readiness[first503]!.at).toBeLessThan(Math.max(...r.ackedAt.values()));
    expect(logs(s).map((l) => l.msg)).toEqual(expect.arrayContaining(["shutting down", "stopped"]));
  });
});
