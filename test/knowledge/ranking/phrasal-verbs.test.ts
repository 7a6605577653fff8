import { describe, expect, it } from "vitest";
import { readPhrasalVerbs } from "../../../src/knowledge/ranking/phrasal-verbs.js";

/** A folder that writes these words, and no phrase. */
const holding = (...words: string[]) => ({
  holds: (meaning: string) => meaning.split(" ").every((w) => words.includes(w)),
  writes: () => false,
});

describe("readPhrasalVerbs", () => {
  it("reads a phrase in any form, with a pronoun inside, as the first verb the folder writes", () => {
    expect(readPhrasalVerbs("tear down the stack", holding("remove", "delete")).query).toBe(
      "remove the stack",
    );
    expect(readPhrasalVerbs("I tore it down yesterday", holding("remove")).query).toBe("I remove yesterday");
    expect(readPhrasalVerbs("how do I get rid of a taint", holding("delete", "remove")).query).toBe(
      "how do I delete a taint",
    );
  });

  it("keeps the phrase's other verbs the folder writes, for the word read in its place", () => {
    const read = readPhrasalVerbs("throw away old volumes", holding("delete", "remove"));
    expect(read.query).toBe("delete old volumes");
    expect(read.others.get("delete")).toEqual(["remove"]);
  });

  it("reads the longer phrase first: bringing it back up is a restart, not a start", () => {
    expect(
      readPhrasalVerbs("can docker bring it back up on its own", holding("start", "restart")).query,
    ).toBe("can docker restart on its own");
    expect(readPhrasalVerbs("bring up the api", holding("start", "restart")).query).toBe("start the api");
  });

  it("leaves the phrase where the folder writes it, or writes none of its verbs", () => {
    expect(
      readPhrasalVerbs("how do I go back one release", { holds: () => true, writes: () => true }).query,
    ).toBe("how do I go back one release");
    expect(readPhrasalVerbs("tear down the stack", holding("stack")).query).toBe("tear down the stack");
  });

  it("leaves a question with no phrasal verb, and Japanese, as typed", () => {
    expect(readPhrasalVerbs("go to the back of the queue", holding("rollback")).query).toBe(
      "go to the back of the queue",
    );
    expect(readPhrasalVerbs("コンテナを消したい", holding("delete")).query).toBe("コンテナを消したい");
  });
});
