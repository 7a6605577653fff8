import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/main.js";
import { BUNDLED_NOTES_DIR } from "../../src/core/config.js";
import { Tutor } from "../../src/core/tutor.js";
import { silentLogger, tempDir } from "../helpers/tutor.js";

describe("tutor gaps", () => {
  const tmp = tempDir("cli-gaps");
  const dbFile = path.join(tmp.dir, "tutor.sqlite");
  beforeAll(async () => {
    // What people asked on two platforms, in the database the service writes.
    const tutor = Tutor.open({ dbFile, notesDir: BUNDLED_NOTES_DIR, logger: silentLogger });
    const ask = (platform: "slack" | "discord", userId: string, question: string) =>
      tutor.runForChat(
        { platform, workspaceId: "W1", channelId: "C1", userId, locale: "en", isAdmin: false },
        ["ask"],
        { question },
      );
    const first = await ask("slack", "U1", "how do I configure terraform state locking");
    await ask("discord", "U2", "terraform state locking");
    const request = first.choices.find((c) => c.id.startsWith("gap:"))?.id ?? "";
    await tutor.runAction(
      { platform: "slack", workspaceId: "W1", channelId: "C1", userId: "U3", locale: "en", isAdmin: false },
      request,
    );
    tutor.close();
  });
  afterAll(() => tmp.cleanup());

  async function run(...args: string[]): Promise<{ code: number; out: string }> {
    let out = "";
    const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    try {
      const code = await main(["gaps", ...args, "--db", dbFile, "--notes", BUNDLED_NOTES_DIR]);
      return { code, out };
    } finally {
      spy.mockRestore();
    }
  }

  it("prints the report of every workspace as JSON", async () => {
    const { code, out } = await run("--json");
    expect(code).toBe(0);
    const report = JSON.parse(out) as {
      uncovered: { question: string; count: number; requests: number; askers: number }[];
      worstRated: unknown[];
      findings: unknown[];
      refused: unknown;
    };
    expect(report.uncovered[0]).toMatchObject({ count: 2, requests: 1, askers: 2 });
    expect(report.uncovered[0]?.question).toMatch(/terraform state locking/);
    expect(report.worstRated).toEqual([]);
    expect(Array.isArray(report.findings)).toBe(true);
    expect(report.refused).toBeNull();
  });

  it("prints it for a person without --json", async () => {
    const { code, out } = await run();
    expect(code).toBe(0);
    expect(out).toMatch(/What to write next in the notes/);
    expect(out).toMatch(/asked 2× · 1 request\(s\)/);
  });
});
