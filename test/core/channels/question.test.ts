/** Which messages posted without a mention read as questions. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isQuestion } from "../../../src/core/channels/question.js";

describe("isQuestion", () => {
  it("reads question marks, か and question words as questions", () => {
    for (const q of [
      "How do I copy a file out of a container",
      "docker cp?",
      "Pod を削除するには？",
      "ReplicaSet とは何ですか",
      "これはどうやって消しますか。",
      "what is a ReplicaSet",
      "なぜ Pod が再起動するの",
    ])
      expect(isQuestion(q), q).toBe(true);
  });

  it("leaves chatter alone", () => {
    for (const s of ["thanks!", "lgtm", "了解です", "deployed to staging", "", "   ", "how", "ok."])
      expect(isQuestion(s), s).toBe(false);
  });

  it("never throws", () => {
    fc.assert(fc.property(fc.string(), (s) => typeof isQuestion(s) === "boolean"));
  });
});
