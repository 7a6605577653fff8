// npm run bench:service [-- --json --c1 175 --c20 300 --warmup 50 --starts 3 --cpu-prof DIR --node-options …
// --node-defaults]: the service as a real process (the built dist/ when it is current, else the sources through
// tsx; with the image's node flags and allocator setting, see SHIPPED) with Slack over HTTP and Discord over the
// gateway, against the fakes of test/fakes on 127.0.0.1, and in the same run the floor (bench/floor/app.ts:
// Bolt and discord.js answering "ok" through fakes of their own, with node's defaults). Per platform, one
// command at a time (p50/p99 from send to answer) and 20 at a time (answers per second, p99), closed loop;
// the event loop's delay under the 20-at-a-time load; RSS after every command; start → /readyz with both
// adapters against a process that only imports Bolt, discord.js and better-sqlite3. Bounded: fixed counts,
// a 30 s bound on each answer, every process stopped at the end.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ts from "typescript";
import { PROJECT_ROOT } from "../src/core/config.js";
import { FakeDiscord } from "../test/fakes/discord.js";
import { FakeSlack } from "../test/fakes/slack.js";
import { countArg, scriptArgs } from "../test/helpers/script-args.js";
import { ENTRY, killAll, serveProcess, stopProcess } from "../test/helpers/service.js";
import { SHIPPED_ENV, SHIPPED_NODE_ARGS } from "./lib/shipped.js";
import { closedLoop, cpuMs, discordCommand, type LoadRun, rssMb, slackCommand } from "./lib/platform-load.js";
import { median, percentile, table } from "./lib/stats.js";

const USAGE =
  "usage: npm run bench:service -- [--json] [--c1 N] [--c20 N] [--warmup N] [--starts N] [--cpu-prof DIR] [--node-options OPTS] [--node-defaults]";
const { values } = scriptArgs(
  {
    options: {
      json: { type: "boolean", default: false },
      warmup: { type: "string", default: "50" },
      c1: { type: "string", default: "175" },
      c20: { type: "string", default: "300" },
      starts: { type: "string", default: "3" },
      "cpu-prof": { type: "string" },
      "node-options": { type: "string" },
      "node-defaults": { type: "boolean", default: false },
    },
  },
  USAGE,
);
/** How the service is run: as the image runs it (bench/lib/shipped.ts) unless `--node-defaults` is given. */
const SHIPPED: { nodeArgs: readonly string[]; env: Readonly<Record<string, string>> } = values[
  "node-defaults"
]
  ? { nodeArgs: [], env: {} }
  : { nodeArgs: SHIPPED_NODE_ARGS, env: SHIPPED_ENV };
const WARMUP = countArg("warmup", values.warmup, USAGE, 0);
const C1 = countArg("c1", values.c1, USAGE);
const C20 = countArg("c20", values.c20, USAGE);
const STARTS = countArg("starts", values.starts, USAGE);
/** People asking at once in the concurrent phase (the issue's "20 at a time"). */
const CONCURRENCY = 20;
/**
 * Distinct people and channels the commands come from: at most 10 commands a person and 20 a channel per
 * platform, inside the per-person and per-channel bursts, so the rate limit is never what is measured. The
 * warm-up sends each person's first command (Slack: the users.info lookup), so the phases measure people
 * the bot already knows, as most commands are.
 */
const USERS = 50;
const CHANNELS = 25;
const SECRET = "bench-signing-secret";
/** What is asked: `/explain`, as the issue's figures are, over three commands of different cost. */
const EXPLAINS = ["docker cp", "docker run -d -p 9000:8080 --rm nginx", "kubectl get pods"];

/** The goals of issue 16. */
const GOAL = {
  slackC1P99Ms: 50,
  /** Of the floor's p99, one at a time (Slack and Discord). */
  c1P99Ratio: 1.5,
  slackC20PerSec: 200,
  /** Of the import floor. */
  readyRatio: 1.2,
  rssMb: 150,
};

const log = (line: string) => {
  if (!values.json) process.stdout.write(`${line}\n`);
};
const say = (line: string) => process.stderr.write(`${line}\n`);

/** A Discord guild with CHANNELS text channels, so per-channel limits are never what is measured. */
const guild = () => ({
  name: "Bench",
  channels: Array.from({ length: CHANNELS }, (_, i) => ({ name: `c${i}` })),
});

interface Fakes {
  slack: FakeSlack;
  discord: FakeDiscord;
  channels: string[];
}

async function fakes(): Promise<Fakes> {
  const slack = await FakeSlack.start();
  const discord = await new FakeDiscord({ guilds: [guild()] }).start();
  const channels = Array.from({ length: CHANNELS }, (_, i) => discord.channelByName(`c${i}`).id);
  return { slack, discord, channels };
}

const closeFakes = async (f: Fakes) => {
  await f.slack.close();
  await f.discord.close();
};

const serviceEnv = (f: Fakes, db: string): Record<string, string> => ({
  TUTOR_DB: db,
  SLACK_BOT_TOKEN: f.slack.botToken,
  SLACK_SIGNING_SECRET: SECRET,
  SLACK_API_URL: f.slack.apiUrl,
  DISCORD_TOKEN: f.discord.token,
  DISCORD_API_URL: f.discord.restUrl,
});

/** An app under load: how to send it one command per platform, its event loop delay, its pid. */
interface Target {
  name: string;
  pid: number;
  slack: (i: number) => Promise<void>;
  discord: (i: number) => Promise<void>;
  /** The event loop delay since the previous call (p99 and max, seconds). */
  lag(): Promise<{ p99: number; max: number }>;
  /** JavaScript heap and external (buffers, native) memory in use, MB. */
  memory(): Promise<{ heapMb: number; externalMb: number }>;
  stop(): Promise<void>;
}

function senders(f: Fakes, url: string): Pick<Target, "slack" | "discord"> {
  const slack = slackCommand(f.slack, url, SECRET);
  const discord = discordCommand(f.discord);
  return {
    slack: (i) =>
      slack({
        command: "/explain",
        text: EXPLAINS[i % EXPLAINS.length],
        user_id: `UBENCH${i % USERS}`,
        channel_id: `CBENCH${i % CHANNELS}`,
      }),
    discord: (i) =>
      discord({
        name: "explain",
        options: { command: EXPLAINS[i % EXPLAINS.length] ?? "docker cp" },
        user: { username: `bench${i % USERS}` },
        channelId: f.channels[i % CHANNELS],
      }),
  };
}

const metric = (text: string, name: string) => Number(new RegExp(`^${name} (\\S+)$`, "m").exec(text)?.[1]);

async function startService(
  f: Fakes,
  db: string,
  cpuProfDir?: string,
): Promise<Target & { readyMs: number }> {
  const env: Record<string, string> = { ...serviceEnv(f, db), ...SHIPPED.env };
  const nodeOptions = [values["node-options"] ?? ""];
  if (cpuProfDir) {
    nodeOptions.push(`--import ${path.join(PROJECT_ROOT, "bench", "lib", "cpu-profile-preload.mjs")}`);
    env.BENCH_CPU_PROF_DIR = path.resolve(cpuProfDir);
  }
  if (nodeOptions.join("").trim()) env.NODE_OPTIONS = nodeOptions.join(" ").trim();
  const { s, port, readyMs } = await serveProcess(env, SHIPPED.nodeArgs);
  const base = `http://127.0.0.1:${port}`;
  return {
    name: "service",
    readyMs,
    pid: s.child.pid ?? 0,
    ...senders(f, `${base}/slack/events`),
    async lag() {
      const text = await (await fetch(`${base}/metrics`)).text();
      return {
        p99: metric(text, "nodejs_eventloop_lag_p99_seconds"),
        max: metric(text, "nodejs_eventloop_lag_max_seconds"),
      };
    },
    async memory() {
      const text = await (await fetch(`${base}/metrics`)).text();
      return {
        heapMb: metric(text, "nodejs_heap_size_used_bytes") / MB,
        externalMb: metric(text, "nodejs_external_memory_bytes") / MB,
      };
    },
    async stop() {
      const { code } = await stopProcess(s, "SIGTERM");
      if (code !== 0) say(`service exited ${code}:\n${s.stderr.slice(-2000)}`);
    },
  };
}

/** Spawns `args` under node from the project root; resolves with the child once `ready` matches stdout. */
function spawnUntil(
  args: string[],
  env: Record<string, string>,
  ready: (stdout: string) => boolean,
): Promise<{ child: ChildProcess; stdout: string; ms: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (d: string) => {
    stderr += d;
  });
  return new Promise((resolve, reject) => {
    child.stdout!.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
      if (ready(stdout)) resolve({ child, stdout, ms: performance.now() - t0 });
    });
    child.once("exit", (code) => {
      if (ready(stdout)) resolve({ child, stdout, ms: performance.now() - t0 });
      else reject(new Error(`${args.join(" ")} exited ${code}: ${stderr.slice(-1500)}`));
    });
  });
}

const MB = 1024 * 1024;

const floorStats = async (base: string) =>
  (await (await fetch(`${base}/stats`)).json()) as {
    p99_s: number;
    max_s: number;
    heap_used: number;
    external: number;
  };

/**
 * The floor app as plain JavaScript, so it runs under node as the built service does (tsx's loader would add
 * its own memory and start-up): transpiled by TypeScript into node_modules/.cache, where its imports resolve.
 */
function floorScript(): string {
  const source = path.join(PROJECT_ROOT, "bench", "floor", "app.ts");
  const out = path.join(PROJECT_ROOT, "node_modules", ".cache", "notes-tutor-bench", "floor-app.mjs");
  const js = ts.transpileModule(fs.readFileSync(source, "utf8"), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, js);
  return out;
}

/** The floor app, started with node against its own fakes. */
async function startFloor(f: Fakes): Promise<Target & { readyMs: number }> {
  const started = await spawnUntil(
    [floorScript()],
    { ...serviceEnv(f, ""), SLACK_API_URL: f.slack.apiUrl },
    (out) => out.includes("\n"),
  );
  const { port } = JSON.parse(started.stdout) as { port: number };
  const base = `http://127.0.0.1:${port}`;
  const child = started.child;
  return {
    name: "floor",
    pid: child.pid ?? 0,
    readyMs: started.ms,
    ...senders(f, `${base}/slack/events`),
    async lag() {
      const r = await floorStats(base);
      return { p99: r.p99_s, max: r.max_s };
    },
    async memory() {
      const r = await floorStats(base);
      return { heapMb: r.heap_used / MB, externalMb: r.external / MB };
    },
    async stop() {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Start → exit of a process that imports only Bolt, discord.js and better-sqlite3 (plain node, no tsx). */
async function importFloorMs(): Promise<number> {
  const code =
    "await import('@slack/bolt'); await import('discord.js'); await import('better-sqlite3'); process.stdout.write('ok\\n');";
  const { child, ms } = await spawnUntil(["--input-type=module", "-e", code], {}, (o) => o.includes("ok"));
  await new Promise((r) => (child.exitCode === null ? child.once("exit", r) : r(null)));
  return ms;
}

interface Phase {
  /** Each person's first command, also the process's first on this platform (the JIT still cold). */
  warm: LoadRun;
  c1: LoadRun;
  c20: LoadRun;
  lag: { p99: number; max: number };
  /** CPU time the app used per command, one at a time and 20 at a time, ms. */
  cpuPerCommand: { c1: number; c20: number };
}

async function measure(target: Target, platform: "slack" | "discord"): Promise<Phase> {
  const send = target[platform];
  const warm = await closedLoop(WARMUP, 1, send);
  const cpu0 = await cpuMs(target.pid);
  const c1 = await closedLoop(C1, 1, (i) => send(WARMUP + i));
  const cpu1 = await cpuMs(target.pid);
  await target.lag(); // resets: what follows is the concurrent phase's alone
  const c20 = await closedLoop(C20, CONCURRENCY, (i) => send(WARMUP + C1 + i));
  const cpu2 = await cpuMs(target.pid);
  const lag = await target.lag();
  return { warm, c1, c20, lag, cpuPerCommand: { c1: (cpu1 - cpu0) / C1, c20: (cpu2 - cpu1) / C20 } };
}

const ms = (x: number) => x.toFixed(1);
const round = (x: number, digits = 1) => Number(x.toFixed(digits));
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
const failures = (r: LoadRun) => Object.values(r.failed).reduce((a, b) => a + b, 0);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bench-service-"));
const all: Fakes[] = [];
const targets: Target[] = [];
try {
  if (ENTRY.mode === "tsx")
    say(
      "note: dist/ is older than src/; the service runs through tsx (run `npm run build` for real numbers)",
    );
  // 1. Start-up: the first start builds the index; later ones reopen it (a restart, the figure reported).
  //    Interleaved with the import floor, since the machine is shared.
  const startFakes = await fakes();
  all.push(startFakes);
  const readies: number[] = [];
  const imports: number[] = [];
  const floorReadies: number[] = [];
  const startDb = path.join(tmp, "start.sqlite");
  for (let i = 0; i <= STARTS; i++) {
    imports.push(await importFloorMs());
    const floorApp = await startFloor(startFakes);
    floorReadies.push(floorApp.readyMs);
    await floorApp.stop();
    const t = await startService(startFakes, startDb);
    readies.push(t.readyMs);
    await t.stop();
  }
  const firstReady = readies.shift() ?? Number.NaN;
  const readyMs = median(readies);
  const importMs = median(imports);
  const floorReadyMs = median(floorReadies);

  // 2. Load: the service and the floor side by side, each on fakes of its own, the floor measured first.
  const serviceFakes = await fakes();
  const floorFakes = await fakes();
  all.push(serviceFakes, floorFakes);
  const service = await startService(serviceFakes, path.join(tmp, "load.sqlite"), values["cpu-prof"]);
  targets.push(service);
  const floor = await startFloor(floorFakes);
  targets.push(floor);
  const results = { slack: {}, discord: {} } as Record<"slack" | "discord", { service: Phase; floor: Phase }>;
  for (const platform of ["slack", "discord"] as const) {
    const floorRun = await measure(floor, platform);
    const serviceRun = await measure(service, platform);
    results[platform] = { service: serviceRun, floor: floorRun };
  }
  const commands = 2 * (WARMUP + C1 + C20);
  const rss = { service: await rssMb(service.pid), floor: await rssMb(floor.pid) };
  const memory = { service: await service.memory(), floor: await floor.memory() };

  const shape = (p: Phase) => ({
    c1: { p50_ms: round(percentile(p.c1.latMs, 0.5), 2), p99_ms: round(percentile(p.c1.latMs, 0.99), 2) },
    c20: { per_s: round(p.c20.perSec), p99_ms: round(percentile(p.c20.latMs, 0.99), 2) },
    cpu_ms_per_command: { c1: round(p.cpuPerCommand.c1, 2), c20: round(p.cpuPerCommand.c20, 2) },
  });
  const platformJson = (r: { service: Phase; floor: Phase }) => ({
    ...shape(r.service),
    floor: shape(r.floor),
  });
  const json = {
    slack: platformJson(results.slack),
    discord: platformJson(results.discord),
    ready_ms: round(readyMs, 0),
    import_floor_ms: round(importMs, 0),
    rss_mb_after: round(rss.service),
    rss_mb_floor: round(rss.floor),
    heap_mb_after: round(memory.service.heapMb),
  };
  if (values.json) process.stdout.write(`${JSON.stringify(json)}\n`);

  log(
    `service: ${ENTRY.mode} (Node ${process.version}, ${os.cpus().length} CPUs, ${
      SHIPPED.nodeArgs.length
        ? `as the image runs it: node ${SHIPPED.nodeArgs.join(" ")}, ${Object.entries(SHIPPED.env)
            .map(([k, v]) => `${k}=${v}`)
            .join(" ")}`
        : "node's defaults"
    }); floor: bench/floor/app.ts (Bolt + discord.js answering "ok")`,
  );
  log(
    `per platform: ${WARMUP} warm-up, ${C1} one at a time, ${C20} with ${CONCURRENCY} at a time (closed loop); /explain of ${EXPLAINS.join(" | ")}`,
  );
  const rows: string[][] = [];
  const goal = (ok: boolean, text: string) => `${ok ? "met" : "MISSED"} (${text})`;
  for (const platform of ["slack", "discord"] as const) {
    const { service: s, floor: f } = results[platform];
    const p = (r: LoadRun, q: number) => percentile(r.latMs, q);
    const c1Ratio = p(s.c1, 0.99) / p(f.c1, 0.99);
    const c1Goal =
      platform === "slack"
        ? goal(
            p(s.c1, 0.99) <= GOAL.slackC1P99Ms && c1Ratio <= GOAL.c1P99Ratio,
            "p99 ≤ 50 ms and ≤ 1.5× floor",
          )
        : goal(c1Ratio <= GOAL.c1P99Ratio, "p99 ≤ 1.5× floor");
    rows.push(
      [
        `${platform} warm-up p50 ms (new people, code not yet optimised)`,
        ms(p(s.warm, 0.5)),
        ms(p(f.warm, 0.5)),
        ratio(p(s.warm, 0.5), p(f.warm, 0.5)),
        "",
      ],
      [`${platform} c1 p50 ms`, ms(p(s.c1, 0.5)), ms(p(f.c1, 0.5)), ratio(p(s.c1, 0.5), p(f.c1, 0.5)), ""],
      [
        `${platform} c1 p99 ms`,
        ms(p(s.c1, 0.99)),
        ms(p(f.c1, 0.99)),
        ratio(p(s.c1, 0.99), p(f.c1, 0.99)),
        c1Goal,
      ],
      [
        `${platform} c20 answers/s`,
        s.c20.perSec.toFixed(0),
        f.c20.perSec.toFixed(0),
        ratio(s.c20.perSec, f.c20.perSec),
        platform === "slack" ? goal(s.c20.perSec >= GOAL.slackC20PerSec, "≥ 200/s") : "",
      ],
      [
        `${platform} c20 p50 ms`,
        ms(p(s.c20, 0.5)),
        ms(p(f.c20, 0.5)),
        ratio(p(s.c20, 0.5), p(f.c20, 0.5)),
        "",
      ],
      [
        `${platform} c20 p99 ms`,
        ms(p(s.c20, 0.99)),
        ms(p(f.c20, 0.99)),
        ratio(p(s.c20, 0.99), p(f.c20, 0.99)),
        "",
      ],
      [
        `${platform} CPU per command c1/c20 ms`,
        `${s.cpuPerCommand.c1.toFixed(2)}/${s.cpuPerCommand.c20.toFixed(2)}`,
        `${f.cpuPerCommand.c1.toFixed(2)}/${f.cpuPerCommand.c20.toFixed(2)}`,
        ratio(s.cpuPerCommand.c20, f.cpuPerCommand.c20),
        "",
      ],
      [
        `${platform} c20 loop delay p99/max ms`,
        `${ms(s.lag.p99 * 1000)}/${ms(s.lag.max * 1000)}`,
        `${ms(f.lag.p99 * 1000)}/${ms(f.lag.max * 1000)}`,
        ratio(s.lag.p99, f.lag.p99),
        "",
      ],
    );
    const failed = failures(s.c1) + failures(s.c20) + failures(f.c1) + failures(f.c20);
    if (failed > 0)
      log(
        `${platform}: ${failed} commands unanswered: ${JSON.stringify({ service: [s.c1.failed, s.c20.failed], floor: [f.c1.failed, f.c20.failed] })}`,
      );
  }
  rows.push(
    [
      `RSS after ${commands} commands, MB`,
      rss.service.toFixed(0),
      rss.floor.toFixed(0),
      ratio(rss.service, rss.floor),
      goal(rss.service <= GOAL.rssMb, "≤ 150 MB"),
    ],
    [
      "start → /readyz (both), ms",
      readyMs.toFixed(0),
      importMs.toFixed(0),
      ratio(readyMs, importMs),
      goal(readyMs <= GOAL.readyRatio * importMs, "≤ 1.2× imports"),
    ],
    [
      "start → both connected, ms (floor: the floor app)",
      readyMs.toFixed(0),
      floorReadyMs.toFixed(0),
      ratio(readyMs, floorReadyMs),
      "",
    ],
  );
  log(`\n${table(["figure", "service", "floor", "ratio", "goal"], rows)}`);
  log(
    `\nstart → /readyz: median of ${readies.length} restarts on a built index (first start, building it: ${firstReady.toFixed(0)} ms);` +
      ` floor: a node process importing @slack/bolt, discord.js and better-sqlite3, median of ${imports.length};` +
      ` the floor app: start → both connected and listening, median of ${floorReadies.length}.` +
      `\nRSS of the floor: the floor app's after the same commands. Heap / external in use after the load:` +
      ` service ${memory.service.heapMb.toFixed(0)} / ${memory.service.externalMb.toFixed(0)} MB,` +
      ` floor ${memory.floor.heapMb.toFixed(0)} / ${memory.floor.externalMb.toFixed(0)} MB.`,
  );
} finally {
  for (const t of targets) await t.stop().catch(() => {});
  killAll();
  for (const f of all) await closeFakes(f).catch(() => {});
  fs.rmSync(tmp, { recursive: true, force: true });
}
