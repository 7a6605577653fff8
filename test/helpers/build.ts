import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../../src/core/config.js";

export const DIST_MAIN = path.join(PROJECT_ROOT, "dist", "src", "main.js");
export const DIST_CLI = path.join(PROJECT_ROOT, "dist", "src", "cli.js");

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return sources(full);
    return d.name.endsWith(".ts") && !d.name.endsWith(".d.ts") ? [full] : [];
  });
}

/** Is any compiled file missing or older than its source? */
export function distIsStale(): boolean {
  const src = path.join(PROJECT_ROOT, "src");
  return sources(src).some((file) => {
    const out = path.join(PROJECT_ROOT, "dist", path.relative(PROJECT_ROOT, file)).replace(/\.ts$/, ".js");
    try {
      return fs.statSync(out).mtimeMs < fs.statSync(file).mtimeMs;
    } catch {
      return true;
    }
  });
}

/**
 * Builds dist/ with `npm run build` when it is older than src/ (after `npm install` it is fresh: the
 * prepare script builds it, so CI does not pay for this).
 */
export function ensureBuilt(): void {
  if (!distIsStale()) return;
  const result = spawnSync("npm", ["run", "--silent", "build"], {
    cwd: PROJECT_ROOT,
    encoding: "utf8",
    timeout: 170_000,
  });
  // A type error elsewhere still emits JavaScript; only a missing entry point stops the tests.
  if (!fs.existsSync(DIST_MAIN) || !fs.existsSync(DIST_CLI))
    throw new Error(`npm run build failed:\n${result.stdout}\n${result.stderr}`);
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The environment of a child process: the tests' own, without platform tokens or tutor settings. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(SLACK_|DISCORD_|TUTOR_|OPENAI_|DATABASE_URL$|LOG_LEVEL$|PORT$|HOST$)/.test(k)) continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

/** Runs a command to its end with `input` on stdin (then closed), at most `timeoutMs`. */
export function run(
  command: string,
  args: string[],
  options: { input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: PROJECT_ROOT,
      env: options.env ?? cleanEnv(),
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 20_000);
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.end(options.input ?? "");
  });
}
