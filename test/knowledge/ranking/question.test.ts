import { describe, expect, it } from "vitest";
import { typedMarks } from "../../../src/knowledge/ranking/question.js";

describe("what the way a question is typed says", () => {
  it("reads capitalised names after the first word, flags, hyphenated and camelCase names", () => {
    const marks = typedMarks("how do I run a Kubernetes Job with -it and kube-proxy minReadySeconds");
    expect([...marks.capitalised]).toEqual(["kubernete", "job"]);
    expect([...marks.flags]).toEqual(["it"]);
    expect(marks.hyphenated).toEqual([{ parts: ["kube", "proxy"], joined: "kubeproxy" }]);
    expect([...marks.camelWords]).toEqual([["minreadysecond", ["min", "ready", "second"]]]);
  });

  it("takes a capitalised first word for a name only when Japanese follows it", () => {
    expect([...typedMarks("Helm で chart を入れたい").capitalised]).toEqual(["helm"]);
    expect([...typedMarks("How do I install it").capitalised]).toEqual([]);
  });
});
