// `npm start` headless, as in a container: a real process with the health server, started, probed and
// stopped with signals; a bad variable stops it with one line naming the variable and exit code 1.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configSchema, PROJECT_ROOT } from "../../src/core/config.js";

/**
 * The built entry point when dist/ is at least as new as every source file (CI: `npm ci` builds it), the
 * sources through tsx otherwise (a work tree being edited), so the test never runs stale code.
 */
function entryPoint(): { mode: "dist" | "tsx"; args: string[] } {
  const built = path.join(PROJECT_ROOT, "dist", "src", "main.js");
  const newest = (dir: string): number =>
    Math.max(
      0,
      ...fs.readdirSync(dir, { withFileTypes: true }).map((e) => {
        const full = path.join(dir, e.name);
        return e.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs;
      }),
    );
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= newest(path.join(PROJECT_ROOT, "src")))
    return { mode: "dist", args: [built] };
  return { mode: "tsx", args: ["--import", "tsx", path.join(PROJECT_ROOT, "src", "main.ts")] };
}
const ENTRY = entryPoint();

interface Started {
  mode: "dist" | "tsx";
  child: ChildProcess;
  startedAt: number;
  stdout: string;
  stderr: string;
  stderrLines: string[];
  exited: Promise<number | null>;
  waitForStderr(match: (line: string) => boolean, ms: number): Promise<string>;
}

/** Starts the service with only the given configuration (none inherited), stdin /dev/null as in a container. */
function startProcess(env: Record<string, string>): Started {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !(k in configSchema.shape) && !k.startsWith("npm_")),
  );
  const child = spawn(process.execPath, ENTRY.args, {
    cwd: PROJECT_ROOT,
    env: { ...clean, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const started: Started = {
    mode: ENTRY.mode,
    child,
    startedAt: performance.now(),
    stdout: "",
    stderr: "",
    stderrLines: [],
    exited: new Promise((resolve) => child.on("exit", (code) => resolve(code))),
    waitForStderr: (match, ms) =>
      new Promise((resolve, reject) => {
        let settled = false;
        const finish = (err: Error | null, line?: string) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          child.stderr!.off("data", check);
          if (err) reject(err);
          else resolve(line!);
        };
        const check = () => {
          const line = started.stderrLines.find(match);
          if (line !== undefined) finish(null, line);
        };
        const timer = setTimeout(
          () => finish(new Error(`no such line on stderr within ${ms} ms:\n${started.stderr}`)),
          ms,
        );
        child.stderr!.on("data", check);
        void started.exited.then(() =>
          setTimeout(() => {
            check();
            finish(new Error(`exited before such a line on stderr:\n${started.stderr}`));
          }, 0),
        );
        check();
      }),
  };
  child.stdout!.setEncoding("utf8").on("data", (d: string) => {
    started.stdout += d;
  });
  let partial = "";
  child.stderr!.setEncoding("utf8").prependListener("data", (d: string) => {
    started.stderr += d;
    const parts = (partial + d).split("\n");
    partial = parts.pop() ?? "";
    started.stderrLines.push(...parts);
  });
  return started;
}
const running = new Set<Started>();
afterAll(() => {
  for (const s of running) s.child.kill("SIGKILL");
});

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tutor-serve-"));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const SHUTDOWN_TIMEOUT_MS = 10_000;

interface LogLine {
  msg?: string;
  port?: number;
  index?: { rebuilt: boolean; entries: number };
  signal?: string;
}

const logs = (s: Started): LogLine[] =>
  s.stderrLines.flatMap((l) => {
    try {
      return [JSON.parse(l) as LogLine];
    } catch {
      return [];
    }
  });

/** Starts the service on a free port (PORT=0; the port is read from its "ready" log line). */
async function serve(env: Record<string, string>): Promise<{ s: Started; port: number; readyMs: number }> {
  const s = startProcess({ TUTOR_TERMINAL: "off", PORT: "0", HOST: "127.0.0.1", ...env });
  running.add(s);
  void s.exited.then(() => running.delete(s));
  const line = await s.waitForStderr((l) => l.includes('"notes-tutor ready"'), 15_000);
  const port = (JSON.parse(line) as LogLine).port!;
  // Ready means /readyz answers 200, which it does from the moment the server listens.
  for (;;) {
    const res = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
    if (res?.status === 200) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  return { s, port, readyMs: performance.now() - s.startedAt };
}

async function stop(s: Started, signal: NodeJS.Signals): Promise<{ code: number | null; ms: number }> {
  const t0 = performance.now();
  s.child.kill(signal);
  const code = await s.exited;
  return { code, ms: performance.now() - t0 };
}

describe("npm start, headless", () => {
  it("serves /healthz, /readyz and /metrics, and exits 0 on SIGTERM within the bound", async () => {
    const db = path.join(tmp, "a.sqlite");
    const { s, port, readyMs } = await serve({ TUTOR_DB: db, LOG_LEVEL: "debug" });
    try {
      const base = `http://127.0.0.1:${port}`;
      const health = await fetch(`${base}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: "ok" });

      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({
        status: "ready",
        checks: [
          { name: "database", ready: true },
          { name: "index", ready: true },
        ],
      });

      const metrics = await (await fetch(`${base}/metrics`)).text();
      const entries = Number(/^tutor_index_entries (\d+)$/m.exec(metrics)?.[1]);
      expect(entries).toBeGreaterThan(0);
      expect(metrics).toContain("process_resident_memory_bytes");
      expect((await fetch(`${base}/nope`)).status).toBe(404);

      expect(logs(s).find((l) => l.msg === "index ready")?.index?.rebuilt).toBe(true);
      console.info(`serve (${s.mode}): ready in ${readyMs.toFixed(0)} ms on a new database`);
    } finally {
      const { code, ms } = await stop(s, "SIGTERM");
      expect(code).toBe(0);
      expect(ms).toBeLessThan(SHUTDOWN_TIMEOUT_MS + 2000);
      expect(logs(s).map((l) => l.msg)).toEqual(expect.arrayContaining(["shutting down", "stopped"]));
    }
    expect(s.stdout).toBe("");
  });

  it("restarts on the same database without reindexing, and stops on SIGINT", async () => {
    const db = path.join(tmp, "b.sqlite");
    const first = await serve({ TUTOR_DB: db, LOG_LEVEL: "debug" });
    expect((await stop(first.s, "SIGTERM")).code).toBe(0);

    const again = await serve({ TUTOR_DB: db, LOG_LEVEL: "debug" });
    try {
      expect(logs(again.s).find((l) => l.msg === "index ready")?.index?.rebuilt).toBe(false);
      expect((await fetch(`http://127.0.0.1:${again.port}/readyz`)).status).toBe(200);
      console.info(`serve (${again.s.mode}): ready in ${again.readyMs.toFixed(0)} ms on an indexed database`);
    } finally {
      expect((await stop(again.s, "SIGINT")).code).toBe(0);
    }
  });

  it("starts from the seed database (as the image does) without reindexing", async () => {
    const seed = path.join(tmp, "seed.sqlite");
    const built = await serve({ TUTOR_DB: seed });
    expect((await stop(built.s, "SIGTERM")).code).toBe(0);
    expect(fs.existsSync(`${seed}-wal`) && fs.statSync(`${seed}-wal`).size > 0).toBe(false);

    const db = path.join(tmp, "data", "fresh.sqlite");
    const { s } = await serve({ TUTOR_DB: db, TUTOR_SEED_DB: seed, LOG_LEVEL: "debug" });
    try {
      expect(fs.existsSync(db)).toBe(true);
      expect(logs(s).find((l) => l.msg === "index ready")?.index?.rebuilt).toBe(false);
    } finally {
      expect((await stop(s, "SIGTERM")).code).toBe(0);
    }
  });
});

describe.concurrent("a bad variable stops start-up", () => {
  const cases: [string, Record<string, string>][] = [
    ["PORT", { PORT: "abc" }],
    ["PORT", { PORT: "70000" }],
    ["HOST", { HOST: "   " }],
    ["LOG_LEVEL", { LOG_LEVEL: "loud" }],
    ["TUTOR_TERMINAL", { TUTOR_TERMINAL: "maybe" }],
    ["TUTOR_LOCALE", { TUTOR_LOCALE: "fr" }],
    ["SHUTDOWN_TIMEOUT_MS", { SHUTDOWN_TIMEOUT_MS: "5" }],
    ["SLACK_BOT_TOKEN", { SLACK_BOT_TOKEN: "nope", SLACK_SIGNING_SECRET: "s" }],
    ["SLACK_SIGNING_SECRET", { SLACK_BOT_TOKEN: "xoxb-1" }],
    ["SLACK_BOT_TOKEN", { SLACK_SIGNING_SECRET: "s" }],
    ["SLACK_APP_TOKEN", { SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xoxb-2" }],
    ["DISCORD_API_URL", { DISCORD_API_URL: "not a url" }],
    ["OPENAI_MODEL", { OPENAI_BASE_URL: "http://127.0.0.1:1/v1" }],
  ];

  it("every case names a variable of the schema", () => {
    for (const [name] of cases) expect(Object.keys(configSchema.shape)).toContain(name);
  });

  it.each(cases)("%s: one line on stderr naming it, exit code 1 (%o)", async (name, env) => {
    const s = startProcess({ TUTOR_TERMINAL: "off", TUTOR_DB: path.join(tmp, "bad.sqlite"), ...env });
    const code = await s.exited;
    expect(code).toBe(1);
    const lines = s.stderr.split("\n").filter((l) => l.trim() !== "");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^Configuration error: ${name} \\S`));
    expect(s.stdout).toBe("");
    expect(fs.existsSync(path.join(tmp, "bad.sqlite"))).toBe(false);
  });

  it("a missing notes folder: one line, exit code 1", async () => {
    const s = startProcess({
      TUTOR_TERMINAL: "off",
      TUTOR_DB: path.join(tmp, "nonotes.sqlite"),
      TUTOR_NOTES_DIR: path.join(tmp, "no-such-folder"),
    });
    expect(await s.exited).toBe(1);
    expect(s.stderr.trim().split("\n")).toHaveLength(1);
    expect(s.stderr).toContain("no-such-folder");
  });
});

it("the helper runs the built code when it is current, else the sources through tsx", () => {
  const s = startProcess({ TUTOR_TERMINAL: "off", PORT: "abc" });
  expect(["dist", "tsx"]).toContain(s.mode);
  if (s.mode === "dist") expect(fs.existsSync(path.join(PROJECT_ROOT, "dist", "src", "main.js"))).toBe(true);
  return s.exited;
});
