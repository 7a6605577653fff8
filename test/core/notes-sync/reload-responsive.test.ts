// A reload builds the new index in a worker thread: the event loop keeps its turns (and the bot its
// acknowledgements) while a large folder is parsed and indexed, instead of waiting out the whole build.
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Tutor } from "../../../src/core/tutor.js";
import { allText, invocation, silentLogger, tempDir } from "../../helpers/tutor.js";
import { QUESTION, widgetNote } from "./helpers.js";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** A page of a large team folder: a how-to with its command, and some prose around it. */
function page(i: number): string {
  const prose = `Service ${i} keeps its state in bucket ${i} and its logs in the shared stream; `.repeat(12);
  return [
    `# Service ${i}`,
    "",
    prose,
    "",
    `## Restart service ${i}`,
    "",
    `To restart service ${i}, run \`svc${i} restart --graceful\`.`,
    "",
    "```sh",
    `$ svc${i} restart --graceful --timeout ${i}s`,
    "```",
    "",
    `| Flag | Meaning |`,
    `| --- | --- |`,
    `| --graceful | waits for requests of service ${i} |`,
    "",
  ].join("\n");
}

/** The longest gap between the turns of a 10 ms interval while `work` runs. */
async function longestGap<T>(work: () => Promise<T>): Promise<{ value: T; gapMs: number }> {
  let last = performance.now();
  let gapMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    gapMs = Math.max(gapMs, now - last);
    last = now;
  }, 10);
  try {
    const value = await work();
    gapMs = Math.max(gapMs, performance.now() - last);
    return { value, gapMs };
  } finally {
    clearInterval(timer);
  }
}

/** A bot on a one-note folder, which then grows to 601 files (the reload's work). */
function grownFolder() {
  const tmp = tempDir("reload-large");
  const notesDir = path.join(tmp.dir, "notes");
  fs.mkdirSync(notesDir);
  fs.writeFileSync(path.join(notesDir, "widgets.md"), widgetNote("alpha"));
  const tutor = Tutor.open({ dbFile: path.join(tmp.dir, "tutor.sqlite"), notesDir, logger: silentLogger });
  cleanups.push(() => {
    tutor.close();
    tmp.cleanup();
  });
  for (let i = 0; i < 600; i++) fs.writeFileSync(path.join(notesDir, `service-${i}.md`), page(i));
  fs.writeFileSync(path.join(notesDir, "widgets.md"), widgetNote("beta"));
  const sideFiles = () => fs.readdirSync(tmp.dir).filter((f) => f.startsWith("tutor.sqlite.index-"));
  return { tutor, sideFiles };
}

describe("reloading a large folder", () => {
  it("keeps the event loop turning while the new index is built, then answers from it", {
    timeout: 120_000,
  }, async () => {
    const { tutor } = grownFolder();

    const { value: result, gapMs } = await longestGap(() => tutor.notes.reload("test"));
    expect(result.status).toBe("reloaded");
    expect(result.info.files).toBe(601);
    // The build itself takes seconds here; the loop never waited more than a fraction of it.
    expect(result.info.buildMs).toBeGreaterThan(300);
    expect(gapMs).toBeLessThan(result.info.buildMs / 3);
    const answer = allText(await tutor.runCommand(invocation(), ["ask"], { question: QUESTION }));
    expect(answer).toMatch(/--beta/);
  });

  it("stops the build when the bot closes during it: no error, no file left behind", {
    timeout: 120_000,
  }, async () => {
    const { tutor, sideFiles } = grownFolder();
    const reload = tutor.notes.reload("test");
    // Closed once the worker is writing the new index.
    for (let waited = 0; sideFiles().length === 0 && waited < 20_000; waited += 20)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sideFiles().length).toBeGreaterThan(0);
    tutor.close();
    expect((await reload).status).toBe("unchanged");
    expect(sideFiles()).toEqual([]);
  });
});
