/** What the SQLite quiz store adds to the store suite: the questions it keeps parsed are shared read-only. */
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../../src/core/storage/database.js";
import { SqliteQuizStore } from "../../../src/core/storage/sqlite/quiz.js";
import { aQuestion } from "../../helpers/questions.js";

const question = aQuestion("q-kept");

describe("SqliteQuizStore.question", () => {
  it("gives the stored question, the same one to every caller, and nobody can change it", async () => {
    const db = openDatabase(":memory:");
    try {
      const store = new SqliteQuizStore(db);
      await store.createPost(
        { platform: "slack", workspaceId: "T1", channelId: "C1" },
        question,
        "adhoc",
        new Date("2026-12-01T09:00:00Z"),
        "U1",
      );
      const first = await store.question(question.id);
      expect(first).toEqual(question);
      expect(await store.question(question.id)).toBe(first);
      if (!first) throw new Error("no question");
      expect(() => {
        (first.choices as string[])[0] = "changed";
      }).toThrow(TypeError);
      expect(() => {
        first.source.path.push("changed");
      }).toThrow(TypeError);
      expect(await store.question(question.id)).toEqual(question);
      expect(await store.question("q-missing")).toBeUndefined();
    } finally {
      db.close();
    }
  });
});
