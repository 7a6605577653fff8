import { describe, expect, it } from "vitest";
import {
  englishSkeleton,
  englishSkeletons,
  katakanaSkeleton,
  SkeletonIndex,
} from "../../../src/knowledge/ranking/transliterate.js";

describe("katakana and English skeletons", () => {
  it.each([
    ["headless", "ヘッドレス"],
    ["rollback", "ロールバック"],
    ["cluster", "クラスター"],
    ["server", "サーバー"],
    ["service", "サービス"],
    ["container", "コンテナ"],
    ["loadbalancer", "ロードバランサ"],
    ["update", "アップデート"],
    ["label", "ラベル"],
    ["template", "テンプレート"],
    ["revision", "リビジョン"],
    ["endpoint", "エンドポイント"],
  ])("%s sounds like %s", (en, ja) => {
    expect(englishSkeleton(en)).toBe(katakanaSkeleton(ja));
  });

  it("hears ch both ways: チ in chart, check, batch; k in echo and schema", () => {
    const heard = (en: string, ja: string) => englishSkeletons(en).includes(katakanaSkeleton(ja) ?? "");
    expect(heard("chart", "チャート")).toBe(true);
    expect(heard("check", "チェック")).toBe(true);
    expect(heard("batch", "バッチ")).toBe(true);
    expect(heard("checkout", "チェックアウト")).toBe(true);
    expect(heard("echo", "エコー")).toBe(true);
    expect(heard("schema", "スキーマ")).toBe(true);
    const index = new SkeletonIndex(["チャート", "スキーマ"], 3);
    expect(index.counterparts("chart")).toEqual(["チャート"]);
    expect(index.counterparts("schema")).toEqual(["スキーマ"]);
  });

  it("tells a word that opens with a vowel from one that does not", () => {
    expect(englishSkeleton("python")).not.toBe(katakanaSkeleton("オプション"));
  });

  it("gives no skeleton to words of the wrong script", () => {
    expect(katakanaSkeleton("pod")).toBeNull();
    expect(englishSkeleton("ポッド")).toBeNull();
    expect(englishSkeleton("ab")).toBeNull();
  });

  it("finds the other script's word in a vocabulary, both ways", () => {
    const index = new SkeletonIndex(["ヘッドレス", "rollback", "コンテナ", "node", "カバ"], 3);
    expect(index.counterparts("headless")).toEqual(["ヘッドレス"]);
    expect(index.counterparts("ロールバック")).toEqual(["rollback"]);
    expect(index.counterparts("container")).toEqual(["コンテナ"]);
    // Two consonants match only with the same first vowel: ノード is node, but カバ is not kube.
    expect(index.counterparts("ノード")).toEqual(["node"]);
    expect(index.counterparts("kube")).toEqual([]);
  });
});

describe("voiced consonants the English spelling hides", () => {
  it("hears the s of trans- as the katakana's z", () => {
    expect(englishSkeleton("transaction")).toBe(katakanaSkeleton("トランザクション"));
  });
});
