/** Follow-ups read without a language model: the earlier subject stands in for a pronoun or a missing one. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resolveFollowUp, subjectWords } from "../../../src/core/conversation/follow-up.js";
import type { Turn } from "../../../src/core/conversation/memory.js";

const turn = (question: string, resolved = question): Turn => ({ question, resolved, at: 0 });

describe("subjectWords", () => {
  it("keeps what a question is about, without question words, particles and action verbs", () => {
    expect(subjectWords("What is a ReplicaSet?")).toEqual(["ReplicaSet"]);
    expect(subjectWords("ReplicaSet とは何ですか")).toEqual(["ReplicaSet"]);
    expect(subjectWords("How do I create a Deployment with kubectl?")).toEqual(["Deployment", "kubectl"]);
    expect(subjectWords("docker compose でコンテナを起動するには")).toEqual([
      "docker",
      "compose",
      "コンテナ",
    ]);
    expect(subjectWords("and how do I delete it?")).toEqual([]);
  });
});

describe("resolveFollowUp", () => {
  it("puts the previous subject in place of a pronoun, in English and in Japanese", () => {
    const history = [turn("What is a ReplicaSet?")];
    expect(resolveFollowUp("and how do I delete it?", history)).toEqual({
      text: "how do I delete ReplicaSet?",
      subject: "ReplicaSet",
    });
    expect(resolveFollowUp("それを削除するには？", [turn("ReplicaSet とは")])).toEqual({
      text: "ReplicaSetを削除するには？",
      subject: "ReplicaSet",
    });
  });

  it("adds the subject to a follow-up that names none", () => {
    expect(resolveFollowUp("how do I delete?", [turn("What is a ReplicaSet?")]).text).toBe(
      "how do I delete ReplicaSet?",
    );
    expect(resolveFollowUp("削除するには？", [turn("ReplicaSet とは")]).text).toBe(
      "ReplicaSet 削除するには？",
    );
  });

  it("takes the subject of the latest turn that had one, through chains of follow-ups", () => {
    const history = [
      turn("What is a ReplicaSet?"),
      turn("and how do I delete it?", "how do I delete ReplicaSet?"),
    ];
    expect(resolveFollowUp("how do I scale it?", history).text).toBe("how do I scale ReplicaSet?");
    const newer = [...history, turn("What is a Deployment?")];
    expect(resolveFollowUp("how do I delete it?", newer).text).toBe("how do I delete Deployment?");
  });

  it("leaves alone a question that names its own subject, and any first question", () => {
    const history = [turn("What is a ReplicaSet?")];
    expect(resolveFollowUp("How do I copy a file out of a container?", history)).toEqual({
      text: "How do I copy a file out of a container?",
      subject: null,
    });
    expect(resolveFollowUp("how do I delete it?", [])).toEqual({
      text: "how do I delete it?",
      subject: null,
    });
  });

  it("keeps a question that is only a continuation word ('OK', found by the property below)", () => {
    expect(resolveFollowUp("OK", [turn("0")]).text).toContain("OK");
    expect(resolveFollowUp("ok!", [turn("0")]).text).toContain("ok");
  });

  it("reads a pronoun only as a whole word, not the end of one joined by an apostrophe (found by the property below)", () => {
    expect(resolveFollowUp("0'it", [turn("0")]).text).toContain("0'it");
    expect(resolveFollowUp("how do I delete it.", [turn("What is a ReplicaSet?")]).text).toBe(
      "how do I delete ReplicaSet.",
    );
  });

  it("never throws, and never loses the question's own words", () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.string(), { maxLength: 6 }), (q, earlier) => {
        const r = resolveFollowUp(
          q,
          earlier.map((e) => turn(e)),
        );
        for (const w of subjectWords(q).filter((x) => !/^(it|its|this|that|these|those|them|they)$/i.test(x)))
          expect(r.text).toContain(w);
      }),
    );
  });
});

describe("Japanese determiners", () => {
  it("read その as the subject's の (その一覧 → Namespaceの一覧)", () => {
    expect(resolveFollowUp("その一覧を表示するには？", [turn("Namespace とは")]).text).toBe(
      "Namespaceの一覧を表示するには？",
    );
  });
});
