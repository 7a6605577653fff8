// The `tutor` binary as a shell runs it: a reader that stops early (`tutor … | head`) ends it quietly.
import { spawn } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../src/core/config.js";
import { cleanEnv, DIST_CLI, ensureBuilt, run } from "./helpers/build.js";

beforeAll(ensureBuilt, 180_000);

describe("tutor | head", () => {
  it("exits 0 without a word on stderr when stdout is closed before it writes", async () => {
    const child = spawn(process.execPath, [DIST_CLI, "slack-manifest", "--socket"], {
      cwd: PROJECT_ROOT,
      env: cleanEnv(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.destroy(); // the reader is gone before the first line
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    const code = await new Promise<number | null>((resolve) => child.on("close", (c) => resolve(c)));
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });

  it("in a shell pipeline whose reader exits at once (`tutor doctor | true`): no stack trace", async () => {
    const r = await run("sh", ["-c", `"${process.execPath}" "${DIST_CLI}" doctor | true`], {
      env: cleanEnv(),
      timeoutMs: 60_000,
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
  });
});
