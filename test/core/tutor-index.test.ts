import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openTestTutor } from "../helpers/tutor.js";

const hugo = path.join(import.meta.dirname, "..", "fixtures", "notes-kinds", "hugo");

describe("a tutor over a team's own folder", () => {
  const t = openTestTutor({ notesDir: hugo, name: "tutor-index" });
  afterAll(() => t.close());

  it("cites sources by that folder's name, from a fresh database", () => {
    expect(t.tutor.index.label).toBe("hugo");
    expect(t.tutor.index.size).toBeGreaterThan(0);
    const titles = t.tutor.index.headings().map((h) => h.title);
    const first = titles[0] ?? "";
    const r = t.tutor.index.ask(`${first} とは`).response;
    expect(r.found).toBe(true);
    for (const res of r.results) expect(res.source.startsWith("hugo/")).toBe(true);
  });
});
