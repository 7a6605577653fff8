// `npm start` headless, as in a container: a real process with the health server, started, probed and
// stopped with signals; a bad variable stops it with one line naming the variable and exit code 1.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configSchema, PROJECT_ROOT } from "../../src/core/config.js";
import { killAll, logs, serveProcess, startProcess, stopProcess } from "../helpers/service.js";

afterAll(killAll);

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tutor-serve-"));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const SHUTDOWN_TIMEOUT_MS = 10_000;

describe("npm start, headless", () => {
  it("serves /healthz, /readyz and /metrics, and exits 0 on SIGTERM within the bound", async () => {
    const db = path.join(tmp, "a.sqlite");
    const { s, port, readyMs } = await serveProcess({ TUTOR_DB: db, LOG_LEVEL: "debug" });
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
      const { code, ms } = await stopProcess(s, "SIGTERM");
      expect(code).toBe(0);
      expect(ms).toBeLessThan(SHUTDOWN_TIMEOUT_MS + 2000);
      expect(logs(s).map((l) => l.msg)).toEqual(expect.arrayContaining(["shutting down", "stopped"]));
    }
    expect(s.stdout).toBe("");
  });

  it("restarts on the same database without reindexing, and stops on SIGINT", async () => {
    const db = path.join(tmp, "b.sqlite");
    const first = await serveProcess({ TUTOR_DB: db, LOG_LEVEL: "debug" });
    expect((await stopProcess(first.s, "SIGTERM")).code).toBe(0);

    const again = await serveProcess({ TUTOR_DB: db, LOG_LEVEL: "debug" });
    try {
      expect(logs(again.s).find((l) => l.msg === "index ready")?.index?.rebuilt).toBe(false);
      expect((await fetch(`http://127.0.0.1:${again.port}/readyz`)).status).toBe(200);
      console.info(`serve (${again.s.mode}): ready in ${again.readyMs.toFixed(0)} ms on an indexed database`);
    } finally {
      expect((await stopProcess(again.s, "SIGINT")).code).toBe(0);
    }
  });

  it("starts from the seed database (as the image does) without reindexing", async () => {
    const seed = path.join(tmp, "seed.sqlite");
    const built = await serveProcess({ TUTOR_DB: seed });
    expect((await stopProcess(built.s, "SIGTERM")).code).toBe(0);
    expect(fs.existsSync(`${seed}-wal`) && fs.statSync(`${seed}-wal`).size > 0).toBe(false);

    const db = path.join(tmp, "data", "fresh.sqlite");
    const { s } = await serveProcess({ TUTOR_DB: db, TUTOR_SEED_DB: seed, LOG_LEVEL: "debug" });
    try {
      expect(fs.existsSync(db)).toBe(true);
      expect(logs(s).find((l) => l.msg === "index ready")?.index?.rebuilt).toBe(false);
    } finally {
      expect((await stopProcess(s, "SIGTERM")).code).toBe(0);
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
