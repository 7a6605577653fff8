// The service as a real process (`npm start` headless, as in a container): started with a given
// environment, probed over HTTP, stopped with signals. Used by the service tests.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { configSchema, PROJECT_ROOT } from "../../src/core/config.js";

/**
 * The built entry point when dist/ is at least as new as every source file (CI: `npm ci` builds it), the
 * sources through tsx otherwise (a work tree being edited), so the test never runs stale code.
 */
export function entryPoint(): { mode: "dist" | "tsx"; args: string[] } {
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
export const ENTRY = entryPoint();

export interface Started {
  mode: "dist" | "tsx";
  child: ChildProcess;
  startedAt: number;
  stdout: string;
  stderr: string;
  stderrLines: string[];
  exited: Promise<number | null>;
  waitForStderr(match: (line: string) => boolean, ms: number): Promise<string>;
}

/**
 * Starts the service with only the given configuration (none inherited), stdin /dev/null as in a container;
 * `nodeArgs` go before the entry point (V8 flags NODE_OPTIONS does not take).
 */
export function startProcess(env: Record<string, string>, nodeArgs: readonly string[] = []): Started {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !(k in configSchema.shape) && !k.startsWith("npm_")),
  );
  const child = spawn(process.execPath, [...nodeArgs, ...ENTRY.args], {
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
    // "close", not "exit": the exit can be seen before the last of its output has been read.
    exited: new Promise((resolve) => child.on("close", (code) => resolve(code))),
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
/** Every process started by `serveProcess`, killed by `killAll` when a test file ends. */
const running = new Set<Started>();

export function killAll(): void {
  for (const s of running) s.child.kill("SIGKILL");
}

export interface LogLine {
  msg?: string;
  port?: number;
  index?: { rebuilt: boolean; entries: number };
  signal?: string;
  platforms?: string[];
}

export const logs = (s: Started): LogLine[] =>
  s.stderrLines.flatMap((l) => {
    try {
      return [JSON.parse(l) as LogLine];
    } catch {
      return [];
    }
  });

/** Starts the service on a free port (PORT=0; the port is read from its "ready" log line). */
export async function serveProcess(
  env: Record<string, string>,
  nodeArgs: readonly string[] = [],
): Promise<{ s: Started; port: number; readyMs: number }> {
  const s = startProcess({ TUTOR_TERMINAL: "off", PORT: "0", HOST: "127.0.0.1", ...env }, nodeArgs);
  running.add(s);
  void s.exited.then(() => running.delete(s));
  const line = await s.waitForStderr((l) => l.includes('"notes-tutor ready"'), 30_000);
  const port = (JSON.parse(line) as LogLine).port!;
  // Ready means /readyz answers 200.
  for (;;) {
    const res = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
    if (res?.status === 200) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  return { s, port, readyMs: performance.now() - s.startedAt };
}

export async function stopProcess(
  s: Started,
  signal: NodeJS.Signals,
): Promise<{ code: number | null; ms: number }> {
  const t0 = performance.now();
  s.child.kill(signal);
  const code = await s.exited;
  return { code, ms: performance.now() - t0 };
}
