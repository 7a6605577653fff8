// npm run bench:slack [-- --count 1000 --concurrency 50 --connections open|cold --json]: the service as a
// real process, Slack over HTTP from the fake Slack on 127.0.0.1, signed slash commands over keep-alive
// connections (opened before the clock by default, as in steady traffic; `cold`: opened by the burst
// itself). Prints the acknowledgement and answer times, what was never answered, and the event loop's delay
// from /metrics.
// Bounded: a fixed count, a bounded wait for answers, then SIGTERM (and SIGKILL if it does not stop).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { FakeSlack } from "../test/fakes/slack.js";
import { countArg, scriptArgs, usageError } from "../test/helpers/script-args.js";
import { killAll, serveProcess, stopProcess } from "../test/helpers/service.js";
import { describeLoad, percentile, slashLoad } from "../test/helpers/slack-load.js";

const USAGE =
  "usage: npm run bench:slack -- [--count N] [--concurrency N] [--users N] [--channels N] [--connections open|cold] [--json]";
const { values } = scriptArgs(
  {
    options: {
      count: { type: "string", default: "1000" },
      concurrency: { type: "string", default: "50" },
      users: { type: "string", default: "200" },
      channels: { type: "string", default: "50" },
      connections: { type: "string", default: "open" },
      json: { type: "boolean", default: false },
    },
  },
  USAGE,
);
if (values.connections !== "open" && values.connections !== "cold")
  usageError(USAGE, `--connections is open or cold, not ${values.connections}`);
const connections = values.connections;
const count = countArg("count", values.count, USAGE);
const concurrency = countArg("concurrency", values.concurrency, USAGE);
const users = countArg("users", values.users, USAGE);
const channels = countArg("channels", values.channels, USAGE);
const SECRET = "bench-signing-secret";
const QUESTIONS = [
  ["/ask", "Docker Compose とは"],
  ["/explain", "docker cp"],
  ["/ask", "how do I copy a file out of a container"],
  ["/explain", "docker run -d -p 9000:8080 --rm nginx"],
  ["/ask", "Ingress と NodePort の違い"],
  ["/help", ""],
] as const;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bench-slack-"));
const slack = await FakeSlack.start();
const metric = (text: string, name: string) => Number(new RegExp(`^${name} (\\S+)$`, "m").exec(text)?.[1]);
try {
  const { s, port } = await serveProcess({
    TUTOR_DB: path.join(tmp, "bench.sqlite"),
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.apiUrl,
  });
  const metricsUrl = `http://127.0.0.1:${port}/metrics`;
  await fetch(metricsUrl); // resets the event loop delay histogram: what follows is the load's alone
  // The fake Slack shares this process with the load generator: its own delay inflates the measured acks.
  const clientLag = monitorEventLoopDelay({ resolution: 10 });
  clientLag.enable();
  const r = await slashLoad(slack, `http://127.0.0.1:${port}/slack/events`, SECRET, {
    count,
    concurrency,
    command: (i) => {
      const [command, text] = QUESTIONS[i % QUESTIONS.length] ?? QUESTIONS[0];
      return { command, text, user_id: `UBENCH${i % users}`, channel_id: `CBENCH${i % channels}` };
    },
    answerTimeoutMs: 120_000,
    connections,
  });
  clientLag.disable();
  const text = await (await fetch(metricsUrl)).text();
  const stopped = await stopProcess(s, "SIGTERM");
  const summary = {
    mode: s.mode,
    count,
    concurrency,
    connections,
    newConnections: r.newConnections,
    acked: r.acked,
    refused: r.refused,
    failed: r.failed,
    lateAcks: r.lateAcks,
    ackMs: { p50: percentile(r.ackMs, 50), p99: percentile(r.ackMs, 99), max: Math.max(0, ...r.ackMs) },
    answered: r.answered,
    unanswered: r.unanswered,
    answerMs: { p50: percentile(r.answerMs, 50), p99: percentile(r.answerMs, 99) },
    elapsedMs: r.elapsedMs,
    eventLoopLagSec: {
      p99: metric(text, "nodejs_eventloop_lag_p99_seconds"),
      max: metric(text, "nodejs_eventloop_lag_max_seconds"),
    },
    clientEventLoopLagSec: { p99: clientLag.percentile(99) / 1e9, max: clientLag.max / 1e9 },
    exit: { code: stopped.code, ms: stopped.ms },
  };
  if (values.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else
    process.stdout.write(
      [
        describeLoad(r),
        `service event loop delay: p99 ${summary.eventLoopLagSec.p99.toFixed(3)} s, max ${summary.eventLoopLagSec.max.toFixed(3)} s`,
        `load generator's (fake Slack's) event loop delay: p99 ${summary.clientEventLoopLagSec.p99.toFixed(3)} s, max ${summary.clientEventLoopLagSec.max.toFixed(3)} s`,
        `SIGTERM: exit ${summary.exit.code} in ${summary.exit.ms.toFixed(0)} ms`,
        "",
      ].join("\n"),
    );
} finally {
  killAll();
  await slack.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}
