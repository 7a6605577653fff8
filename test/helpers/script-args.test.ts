import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/core/config.js";
import { readCount, readScriptArgs } from "./script-args.js";

const options = { json: { type: "boolean" }, runs: { type: "string", default: "5" } } as const;

describe("the scripts' arguments", () => {
  it("are read as parseArgs reads them", () => {
    const read = readScriptArgs({ options, args: ["--json", "--runs", "7"] });
    expect(read.ok && read.parsed.values).toEqual({ json: true, runs: "7" });
  });

  it("name an unknown option instead of throwing", () => {
    const read = readScriptArgs({ options, args: ["--bogus"] });
    expect(read).toEqual({ ok: false, message: expect.stringContaining("Unknown option '--bogus'") });
  });

  it("take counts as whole numbers only", () => {
    expect(readCount("runs", "12")).toEqual({ ok: true, count: 12 });
    expect(readCount("warmup", "0", 0)).toEqual({ ok: true, count: 0 });
    for (const bad of ["abc", "", "1.5", "-3", "0", "1e3"])
      expect(readCount("runs", bad)).toEqual({
        ok: false,
        message: `--runs takes a whole number of at least 1, not '${bad}'`,
      });
  });

  it("end a script with its usage and code 2, not a stack trace", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "test/eval/run.ts", "--bogus"], {
      cwd: PROJECT_ROOT,
      encoding: "utf8",
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^usage: npm run eval -- /);
    expect(run.stderr).toContain("Unknown option '--bogus'");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
