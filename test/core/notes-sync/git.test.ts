import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ensureCloneSync, parseGitSource, pullNotes } from "../../../src/core/notes-sync/git.js";
import { Tutor } from "../../../src/core/tutor.js";
import { allText, invocation, silentLogger, tempDir } from "../../helpers/tutor.js";
import { BROKEN_NOTE, notesRepository, QUESTION, widgetNote } from "./helpers.js";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

describe("TUTOR_NOTES_GIT", () => {
  it("reads URL#branch and refuses what is not a repository URL or a branch name", () => {
    expect(parseGitSource("https://example.com/team/notes.git#docs")).toEqual({
      url: "https://example.com/team/notes.git",
      branch: "docs",
    });
    expect(parseGitSource("file:///srv/notes.git")).toEqual({ url: "file:///srv/notes.git", branch: "main" });
    expect(parseGitSource("git@example.com:team/notes.git")?.branch).toBe("main");
    expect(parseGitSource("")).toBeNull();
    expect(() => parseGitSource("--upload-pack=evil")).toThrow(/repository URL/);
    expect(() => parseGitSource("https://example.com/n.git#--force")).toThrow(/branch/);
    expect(() => parseGitSource("https://example.com/n.git#a..b")).toThrow(/branch/);
  });

  it("clones the repository, picks up a push without a restart, and keeps the notes on a bad push", async () => {
    const tmp = tempDir("notes-git");
    const repo = notesRepository(tmp.dir, { "widgets.md": widgetNote("alpha") });
    const source = { url: repo.url, branch: "main" };
    const clone = path.join(tmp.dir, "clone");
    ensureCloneSync(source, clone);
    const tutor = Tutor.open({
      dbFile: path.join(tmp.dir, "tutor.sqlite"),
      notesDir: clone,
      logger: silentLogger,
    });
    cleanups.push(() => {
      tutor.close();
      tmp.cleanup();
    });
    const answer = async () => allText(await tutor.runCommand(invocation(), ["ask"], { question: QUESTION }));
    expect(await answer()).toMatch(/--alpha/);
    expect(await pullNotes(source, clone)).toBeNull();

    // Pulled on an interval (shortened here) and reindexed: no restart, no command.
    tutor.notes.start({ watch: false, git: source, intervalMs: 200 });
    repo.push({ "widgets.md": widgetNote("beta") }, "beta mode");
    await expect.poll(answer, { timeout: 15_000, interval: 200 }).toMatch(/--beta/);

    // A push with a file that cannot be read: a finding, and the beta notes keep answering.
    repo.push({ "broken.md": BROKEN_NOTE, "widgets.md": widgetNote("gamma") }, "bad push");
    await expect
      .poll(() => tutor.notes.refused?.findings[0]?.file ?? null, { timeout: 15_000 })
      .toBe("broken.md");
    expect(await answer()).toMatch(/--beta/);

    // The fix is picked up the same way.
    repo.push({ "broken.md": "# Fixed\n\nNow readable.\n" }, "fix the front matter");
    await expect.poll(answer, { timeout: 15_000, interval: 200 }).toMatch(/--gamma/);
    expect(tutor.notes.refused).toBeNull();
  });
});
