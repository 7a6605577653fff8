import { describe, expect, it } from "vitest";
import {
  asciiWords,
  derivedForms,
  queryTerms,
  segmentForIndex,
  segmentWords,
  segmentWordsWithParts,
  stem,
} from "../../src/knowledge/segment.js";

describe("the words of a question", () => {
  it("cuts Japanese into words and joins katakana loanwords back", () => {
    expect(segmentWords("ローリングアップデートを実行")).toContain("ローリングアップデート");
  });

  it("gives a katakana compound's pieces whole, where the segmenter knows only part of a loanword", () => {
    const parts = (text: string) => segmentWordsWithParts(text)[0]?.parts;
    // ビル|ド, トラ|フ|ィ|ッ|ク, セ|レ|ク|ター as the segmenter cuts them: the fragments are one word again.
    expect(parts("ビルドキャッシュ")).toEqual(["ビルド", "キャッシュ"]);
    expect(parts("トラフィックルーティング")).toEqual(["トラフィック", "ルーティング"]);
    expect(parts("ラベルセレクター")).toEqual(["ラベル", "セレクタ"]);
    expect(parts("コントロールプレーン")).toEqual(["コントロール", "プレーン"]);
    // A loanword it cuts into fragments alone has no pieces: it is one word (リ|ビジョン, リ|ポジ|トリ).
    expect(parts("リビジョン")).toEqual([]);
    expect(parts("リポジトリ")).toEqual([]);
    expect(segmentForIndex("ビルドキャッシュを消す").split(" ")).not.toContain("ビル");
  });

  it("stems English lightly (plurals, -ing, -ed)", () => {
    expect(["containers", "pods", "deployed", "building"].map(stem)).toEqual([
      "container",
      "pod",
      "deploy",
      "build",
    ]);
  });

  it("keeps the e of a verb ending -ie in -ying, so 'dies' and 'dying' meet", () => {
    expect(["dying", "dies", "died", "lying", "tying", "untying", "carrying", "tried"].map(stem)).toEqual([
      "die",
      "die",
      "die",
      "lie",
      "tie",
      "untie",
      "carry",
      "try",
    ]);
  });

  it("drops the grammar the segmenter leaves in Japanese questions (書か|なか|ったら, です|か)", () => {
    const terms = queryTerms("replicas を書かなかったら Pod はいくつ動くんですか");
    expect(terms).toEqual(["replica", "書", "pod", "いくつ", "動く"]);
  });

  it("drops the helper verbs after て (残しておきたい, 消してしまった) and だけ: grammar, not the topic", () => {
    expect(queryTerms("ReplicaSet だけ消して Pod は残しておきたい")).toEqual([
      "replicaset",
      "消し",
      "pod",
      "残",
    ]);
    expect(queryTerms("Pod を消してしまった")).toEqual(["pod", "消し"]);
  });

  it("drops function words, reflexive pronouns and 'onto' from the words that carry meaning", () => {
    expect(queryTerms("how do I get a file onto the host myself")).toEqual(["file", "host"]);
    expect(queryTerms("check whether I am allowed")).toEqual(["check", "allow"]);
    // A possessive is the word itself.
    expect(queryTerms("the container's name")).toEqual(["container", "name"]);
    // Wanting to know is the question's tone, not its topic.
    expect(queryTerms("Deployment を作る手順を知りたい")).toEqual(["deployment", "作る"]);
  });
});

describe("the ASCII fast path", () => {
  const segmenter = new Intl.Segmenter("ja", { granularity: "word" });
  const byTheSegmenter = (text: string) =>
    [...segmenter.segment(text)].filter((s) => s.isWordLike).map((s) => s.segment);

  it("cuts ASCII text into the segmenter's words, dotted names, versions and flags included", () => {
    const samples = [
      "docker.io/library/nginx:1.25 --rm -it",
      "don't e.g. 1,000 3.14 a.1 v1.2.3 __init__ _ __ a:b 1:2 ;x; kube-proxy spec.replicas",
      "`_` (e.g. etc.)_ links](https://docs.docker.com/network/)_ '__{:[<a:",
    ];
    for (const s of samples) expect(asciiWords(s)).toEqual(byTheSegmenter(s));
  });

  it("agrees with the segmenter on random runs of letters, digits and punctuation", () => {
    const alphabet = "ab1_.:',;-/\"()[]#@!?$%&*+=<>`~^|{}\\ ";
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let k = 0; k < 5000; k++) {
      const s = Array.from({ length: 1 + (k % 12) }, () => alphabet[next() % alphabet.length]).join("");
      expect(asciiWords(s), JSON.stringify(s)).toEqual(byTheSegmenter(s));
    }
  });

  it("cuts mixed Japanese and English text as the segmenter alone would", () => {
    const text = "kubectl で Pod を 消したい。docker.io の nginx:1.25 を pull する";
    expect(segmentWords(text)).toEqual(
      byTheSegmenter(text.normalize("NFKC").toLowerCase()).map((w) => stem(w)),
    );
  });
});

describe("derivedForms", () => {
  it("gives a noun in -y the verb it is made from (expiry → expire)", () => {
    expect(derivedForms("expiry")).toEqual(expect.arrayContaining(["expire"]));
    expect(derivedForms("recovery")).toEqual(expect.arrayContaining(["recover"]));
    // Not after a vowel: "display" is no "displa".
    expect(derivedForms("display")).not.toContain("displa");
  });

  it("gives a verb's noun and a noun's verb, in the stemmer's forms", () => {
    expect(derivedForms("rotate")).toEqual(expect.arrayContaining(["rotation", stem("rotated")]));
    expect(derivedForms("install")).toContain("installation");
    expect(derivedForms("renew")).toContain("renewal");
    expect(derivedForms("delete")).toContain("deletion");
    expect(derivedForms("rotation")).toContain("rotate");
    expect(derivedForms("installation")).toContain("install");
    expect(derivedForms("configuration")).toContain("configure");
  });

  it("leaves short words and other parts of speech alone", () => {
    expect(derivedForms("rate")).toEqual([]);
    expect(derivedForms("deployment")).toEqual([]);
    expect(derivedForms("server")).toEqual([]);
    expect(derivedForms("rotation")).not.toContain("rot");
  });
});
