import { describe, expect, it } from "vitest";
import { isWithin, preferSpecific, type RankedSection } from "../../../src/knowledge/ranking/specific.js";

const section = (
  path: string[],
  coverage: number,
  score: number,
  headingCoverage = 0,
  file = "svc.md",
): RankedSection => ({ doc: { file, path }, coverage, score, headingCoverage });
const order = (ranked: RankedSection[]) => ranked.map((r) => r.doc.path.at(-1));

describe("the most specific section before its parent", () => {
  it("knows a subsection at any depth, in the same file only", () => {
    const parent = { file: "a.md", path: ["Services", "type: NodePort"] };
    expect(
      isWithin({ file: "a.md", path: ["Services", "type: NodePort", "Choosing your own port"] }, parent),
    ).toBe(true);
    expect(
      isWithin({ file: "b.md", path: ["Services", "type: NodePort", "Choosing your own port"] }, parent),
    ).toBe(false);
    expect(isWithin({ file: "a.md", path: ["Services", "type: ClusterIP"] }, parent)).toBe(false);
    expect(isWithin(parent, parent)).toBe(false);
  });

  it("moves a subsection that covers clearly more of the question above its parent", () => {
    const ranked = [
      section(["ReplicaSet"], 0.61, 0.78, 0.36),
      section(["Deployment"], 0.5, 0.75),
      section(["ReplicaSet", "Non-template pod acquisitions"], 0.82, 0.77, 0.13),
    ];
    preferSpecific(ranked);
    expect(order(ranked)).toEqual(["Non-template pod acquisitions", "ReplicaSet", "Deployment"]);
  });

  it("moves one that covers as much, scores nearly as high and whose heading holds as much of the question", () => {
    const ranked = [
      section(["Services", "type: NodePort"], 0.99, 0.95, 0.3),
      section(["Services", "type: NodePort", "Choosing your own port"], 0.99, 0.9, 0.3),
    ];
    preferSpecific(ranked);
    expect(order(ranked)).toEqual(["Choosing your own port", "type: NodePort"]);
  });

  it("never puts a subsection the notes would not answer from above a parent they would", () => {
    const ranked = [section(["Services"], 0.64, 0.9, 0.3), section(["Services", "Ports"], 0.6, 0.86, 0.3)];
    preferSpecific(ranked);
    expect(order(ranked)).toEqual(["Services", "Ports"]);
  });

  it("keeps the parent above a subsection about something narrower than asked, or far below it", () => {
    const narrower = [
      section(["Deployment", "Scaling a Deployment"], 1, 1.02, 0.46),
      section(["Deployment", "Scaling a Deployment", "Proportional scaling"], 1, 0.99, 0.34),
    ];
    preferSpecific(narrower);
    expect(order(narrower)).toEqual(["Scaling a Deployment", "Proportional scaling"]);
    const below = [section(["Services"], 0.9, 0.95, 0.3), section(["Services", "Ports"], 0.9, 0.8, 0.3)];
    preferSpecific(below);
    expect(order(below)).toEqual(["Services", "Ports"]);
  });

  it("answers 'what is X' from the section that introduces X, unless a subsection's heading asks it", () => {
    const subject = {
      introduces: (d: RankedSection["doc"]) => d.path.at(-1) === "Pod",
      asks: (d: RankedSection["doc"]) => d.path.at(-1) === "What is a Pod?",
    };
    const detail = [section(["Pod"], 1, 1.2, 1), section(["Pod", "Pod networking"], 1, 1.19, 1)];
    preferSpecific(detail, subject);
    expect(order(detail)).toEqual(["Pod", "Pod networking"]);
    // Not past a grandparent either: the section introducing Pod stays above its own subsection.
    const deeper = [
      section(["Workloads"], 0.9, 1.3, 0.2),
      section(["Workloads", "Pod"], 0.9, 1.2, 1),
      section(["Workloads", "Pod", "Pod lifecycle"], 1, 1.15, 1),
    ];
    preferSpecific(deeper, {
      introduces: (d) => d.path.at(-1) === "Pod",
      asks: (d) => d.path.at(-1) === "What is a Pod?",
    });
    expect(order(deeper).indexOf("Pod")).toBeLessThan(order(deeper).indexOf("Pod lifecycle"));
    const asked = [section(["Pod"], 1, 1.2, 1), section(["Pod", "What is a Pod?"], 1, 1.19, 1)];
    preferSpecific(asked, subject);
    expect(order(asked)).toEqual(["What is a Pod?", "Pod"]);
  });
});
