import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { gapsReport } from "../../../src/core/gaps/report.js";
import { Tutor } from "../../../src/core/tutor.js";
import { allText, invocation, silentLogger, tempDir } from "../../helpers/tutor.js";
import { BROKEN_NOTE, QUESTION, widgetNote } from "./helpers.js";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function setup(mode = "alpha") {
  const tmp = tempDir("notes-sync");
  const notesDir = path.join(tmp.dir, "notes");
  fs.mkdirSync(notesDir);
  fs.writeFileSync(path.join(notesDir, "widgets.md"), widgetNote(mode));
  const dbFile = path.join(tmp.dir, "tutor.sqlite");
  const tutor = Tutor.open({ dbFile, notesDir, logger: silentLogger });
  cleanups.push(() => {
    tutor.close();
    tmp.cleanup();
  });
  const write = (name: string, text: string) => fs.writeFileSync(path.join(notesDir, name), text);
  const answer = async () => allText(await tutor.runCommand(invocation(), ["ask"], { question: QUESTION }));
  const sideFiles = () =>
    fs.readdirSync(tmp.dir).filter((f) => f.startsWith("tutor.sqlite.index-") && !/-(wal|shm)$/.test(f));
  return { tutor, write, answer, sideFiles, dir: tmp.dir };
}

describe("reloading the notes without a restart", () => {
  it("builds the new index beside the old one and swaps it in; the notes unchanged, nothing happens", async () => {
    const { tutor, write, answer, sideFiles } = setup();
    expect(await answer()).toMatch(/--alpha/);
    expect((await tutor.notes.reload("test")).status).toBe("unchanged");
    write("widgets.md", widgetNote("beta"));
    const result = await tutor.notes.reload("test");
    expect(result.status).toBe("reloaded");
    expect(tutor.indexInfo.hash).toBe(result.info.hash);
    expect(await answer()).toMatch(/--beta/);
    expect(sideFiles()).toHaveLength(1);
    // The next reload retires the side index it replaces (its file is deleted).
    write("widgets.md", widgetNote("gamma"));
    await tutor.notes.reload("test");
    expect(await answer()).toMatch(/--gamma/);
    expect(sideFiles()).toHaveLength(1);
  });

  it("lets an answer in flight finish on the index it started on, and retires that index after it", async () => {
    const { tutor, write } = setup();
    write("widgets.md", widgetNote("beta"));
    const seen = await tutor.indexes.pin(async () => {
      const before = tutor.index;
      await tutor.notes.reload("test");
      // Still the old index inside the answer, and still readable (its database is open).
      expect(tutor.index).toBe(before);
      return JSON.stringify(tutor.index.ask(QUESTION).hits.map((h) => h.entry.text));
    });
    expect(seen).toMatch(/--alpha/);
    expect(JSON.stringify(tutor.index.ask(QUESTION).hits.map((h) => h.entry.text))).toMatch(/--beta/);
  });

  it("loses no answer and never serves a half-built index while reindexing under load", async () => {
    const { tutor, write } = setup();
    const modes = ["alpha", "beta", "gamma", "delta", "epsilon"];
    const asks: Promise<string>[] = [];
    const WAVES = 5;
    const PER_BATCH = 20;
    const ask = (id: string) =>
      asks.push(
        tutor
          .runCommand({ ...invocation(), userId: id }, ["ask"], { question: QUESTION })
          .then((r) => (r.notFound ? "NOT FOUND" : allText(r))),
      );
    for (let w = 0; w < WAVES; w++) {
      // The next version is written and reindexed (in a worker thread) while answers keep coming.
      write("widgets.md", widgetNote(modes[(w + 1) % modes.length] ?? "alpha"));
      let built = false;
      const reload = tutor.notes.reload(`wave ${w}`).finally(() => {
        built = true;
      });
      // Bounded, however long the build takes: 20 batches of 20 answers at most during each.
      for (let b = 0; !built && b < 20; b++) {
        for (let i = 0; i < PER_BATCH; i++) ask(`u${w}-${b}-${i}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await reload;
    }
    const answers = await Promise.all(asks);
    expect(answers.length).toBeGreaterThan(WAVES * PER_BATCH);
    for (const a of answers) {
      // Each answer read one whole version of the notes: exactly one mode, never none, never an error.
      const found = modes.filter((m) => a.includes(`--${m}`));
      expect(found, a).toHaveLength(1);
    }
    expect(new Set(answers.map((a) => modes.find((m) => a.includes(`--${m}`)))).size).toBeGreaterThan(1);
  });

  it("keeps serving the previous notes when a new file cannot be read, and says so in the gaps report", async () => {
    const { tutor, write, answer, sideFiles } = setup();
    write("widgets.md", widgetNote("beta"));
    write("broken.md", BROKEN_NOTE);
    const result = await tutor.notes.reload("bad push");
    expect(result.status).toBe("rejected");
    expect(result.status === "rejected" && result.findings.map((f) => f.file)).toEqual(["broken.md"]);
    expect(await answer()).toMatch(/--alpha/);
    expect(sideFiles()).toHaveLength(0);
    const report = await gapsReport(tutor, null);
    expect(report.refused?.findings[0]?.file).toBe("broken.md");
    const shown = allText(await tutor.runCommand(invocation(), ["tutor", "gaps"], {}));
    expect(shown).toMatch(/newest notes were not loaded.*broken\.md/s);
    const doctor = allText(await tutor.runCommand(invocation(), ["tutor", "doctor"], {}));
    expect(doctor).toMatch(/broken\.md:1 \[parse\].*Not reindexed/s);

    fs.rmSync(path.join(path.dirname(tutor.notesDir), "notes", "broken.md"));
    expect((await tutor.notes.reload("fixed")).status).toBe("reloaded");
    expect(await answer()).toMatch(/--beta/);
    expect(tutor.notes.refused).toBeNull();
  });

  it("reindexes on /tutor reindex (admins) and on a change in the watched folder", async () => {
    const { tutor, write, answer } = setup();
    write("widgets.md", widgetNote("beta"));
    const ctx = invocation();
    const denied = await tutor.runText({ ...ctx, isAdmin: false }, "/tutor reindex");
    expect(allText(denied)).toMatch(/Only admins/);
    const done = await tutor.runText(ctx, "/tutor reindex");
    expect(allText(done)).toMatch(/Reindexed: 1 file\(s\)/);
    expect(await answer()).toMatch(/--beta/);

    tutor.notes.start({ watch: true });
    write("widgets.md", widgetNote("gamma"));
    await expect.poll(answer, { timeout: 15_000, interval: 200 }).toMatch(/--gamma/);
  });
});
