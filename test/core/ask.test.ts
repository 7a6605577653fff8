import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { askReply } from "../../src/core/answers/ask.js";
import type { Reply } from "../../src/core/reply.js";
import {
  allText,
  codeOf,
  invocation,
  notesOf,
  openTestTutor,
  type TestTutor,
  tutorOverNotes,
  textsOf,
} from "../helpers/tutor.js";

const DIFFERENCE =
  "NodePort Service と Ingress の違いは、NodePort Service はポートを指定してリクエストのルーティングを行うL4レベルの制御しかできないのに対し、Ingress はパスによる制御などの L7レベルのルーティングが可能である点である。";

/** The parts of a /ask answer: the body, the "see also" line, the citations. */
function parts(r: Reply) {
  const texts = textsOf(r);
  const seeAlso = texts.find((t) => t.startsWith("See also: "));
  return {
    body: texts[0] ?? "",
    seeAlso: seeAlso ? seeAlso.slice("See also: ".length).split(" · ") : [],
    sources: r.citations.map((c) => c.source),
  };
}

describe("/ask on the bundled notes", () => {
  let env: TestTutor;
  beforeAll(() => {
    env = openTestTutor({ name: "ask-test" });
  });
  afterAll(() => env.close());
  const ask = (q: string, locale: "en" | "ja" = "en") => askReply(env.tutor, invocation(locale), q);

  it("answers Ingress と NodePort の違い from the NodePort Service section, with the sentence about the difference", async () => {
    const r = await ask("Ingress と NodePort の違い");
    expect(r.notFound).toBeUndefined();
    expect(r.title).toBe("NodePort Service");
    expect(r.subtitle).toBe("Service について › NodePort Service");
    expect(r.citations[0]).toMatchObject({
      path: ["Service について", "NodePort Service"],
      source: "notes/docker-kubernetes.md#nodeport-service",
    });
    const { body } = parts(r);
    expect(body).toContain(DIFFERENCE);
    // The notes' words, not a paraphrase, and nothing from other sections.
    expect(body).not.toContain("Cluster IP");
    expect(body).not.toContain("ExternalName");
  });

  it("answers a definition question with the section's own definition, not a manifest's comments", async () => {
    const r = await ask("Pod とは");
    expect(r.citations[0]?.source).toBe("notes/docker-kubernetes.md#pod");
    expect(parts(r).body.startsWith("コンテナの集合体の単位。")).toBe(true);
    expect(codeOf(r)).toEqual([]);
  });

  it("answers a question about a manifest with the manifest and its findings", async () => {
    const r = await ask("simple-pod.yaml");
    expect(codeOf(r)[0]).toContain("kind: Pod");
    expect(notesOf(r).some((n) => n.includes("line 311"))).toBe(true);
  });

  it("answers a term with the notes' explanation of it, as plain text", async () => {
    const r = await ask("what is etcd");
    expect(parts(r).body).toBe("etcd — Kubernetesクラスタのバッキングストア");
    expect(allText(r)).not.toContain("**");
  });

  it.each([
    "Ingress と NodePort の違い",
    "Docker Compose とは",
    "Pod とは",
    "コンテナからファイルをコピーするには",
    "how do I copy a file out of a container",
    "Deployment のロールバック",
    "namespace",
  ])("gives at most three see-also entries, each another section: %s", async (q) => {
    const r = await ask(q);
    expect(r.notFound, q).toBeUndefined();
    const { seeAlso, sources } = parts(r);
    expect(seeAlso.length).toBeLessThanOrEqual(3);
    expect(sources.length).toBe(1 + seeAlso.length);
    expect(new Set(sources).size).toBe(sources.length);
    expect(r.citations.slice(1).map((c) => c.path.join(" › "))).toEqual(seeAlso);
  });

  it.each([
    "how do I bake a cake",
    "Terraform とは",
    "git rebase のやり方",
    "Helm chart の書き方",
    "What is a StatefulSet",
  ])("says honestly that the notes do not cover %s", async (q) => {
    const r = await ask(q);
    expect(r.notFound).toBe(true);
    expect(r.title).toBe("Not in your notes");
    expect(r.citations).toEqual([]);
    expect(codeOf(r)).toEqual([]);
    expect(parts(r).body).toContain(`\`${q}\``);
  });

  it("says it in Japanese with TUTOR_LOCALE=ja", async () => {
    const r = await ask("Terraform とは", "ja");
    expect(r.title).toBe("ノートにはありません");
    expect(parts(r).body).toContain("ノートに書かれていません");
  });
});

describe("/ask on a long section", () => {
  const filler = [
    "NodePort Service はクラスタの外からアクセスするための仕組みです。",
    "各ノードの同じポート番号でリクエストを受け付けます。",
    "ポート番号は 30000 から 32767 の範囲から選ばれます。",
    "type に NodePort を指定したマニフェストを apply すると作成されます。",
    "ノードの IP アドレスが変わると、クライアントの設定も変える必要があります。",
    "開発環境で手早く公開するときによく使われます。",
  ];
  const longSection = [
    ...Array.from({ length: 6 }, () => filler.join("")),
    DIFFERENCE,
    ...Array.from({ length: 6 }, () => filler.join("")),
  ].join("\n");
  const notes = `# Service について\n\n## Cluster IP Service\n- 内部IPアドレスに公開できるService。\n\n## NodePort Service\n${longSection}\n\n## ExternalName Service\n- 外部のホスト名を返す Service。\n`;
  const env = tutorOverNotes({ "services.md": notes }, "ask-long-test");

  it("answers with the part that matches, not the whole section, and says there is more to read", async () => {
    expect(longSection.length).toBeGreaterThan(2000);
    const r = await askReply(env().tutor, invocation(), "Ingress と NodePort の違い");
    expect(r.title).toBe("NodePort Service");
    const { body } = parts(r);
    expect(body).toContain(DIFFERENCE);
    expect(body.length).toBeLessThanOrEqual(600);
    expect(body.length).toBeLessThan(longSection.length / 3);
    expect(r.citations[0]?.source.endsWith("/services.md#nodeport-service")).toBe(true);
    expect(r.citations[0]?.readMore).toBe(true);
  });

  it("does not mark read more when the whole section is the answer", async () => {
    const r = await askReply(env().tutor, invocation(), "ExternalName Service");
    expect(r.title).toBe("ExternalName Service");
    expect(r.citations[0]?.readMore).toBeUndefined();
  });
});
