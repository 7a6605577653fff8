import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BUNDLED_NOTES_DIR } from "../../src/core/config.js";
import { extractEntries } from "../../src/knowledge/extract.js";
import { parseNote } from "../../src/knowledge/markdown.js";

const NOTE = fs.readFileSync(path.join(BUNDLED_NOTES_DIR, "docker-kubernetes.md"), "utf8");
const LINES = NOTE.split("\n");
const { entries, findings } = extractEntries([parseNote("docker-kubernetes.md", NOTE)]);
const of = (kind: string) => entries.filter((e) => e.kind === kind);

describe("entries of the bundled note", () => {
  it("turns every docker and kubectl command line into a command entry with its canonical form", () => {
    const promptLines = LINES.map((l, i) => ({ l: l.trim(), line: i + 1 })).filter((x) =>
      /^\$ (docker|kubectl) /.test(x.l),
    );
    const covered = new Set(of("command").flatMap((e) => (e.data?.lines as string[] | undefined) ?? []));
    for (const p of promptLines) expect(covered.has(String(p.line)), `line ${p.line}: ${p.l}`).toBe(true);
    const canonical = new Set(of("command").map((e) => e.command));
    for (const c of [
      "docker container cp",
      "docker container exec",
      "docker container run",
      "docker image build",
      "docker container stop",
      "docker container restart",
      "docker container rm",
      "docker container prune",
      "docker image prune",
      "docker system prune",
      "kubectl apply",
      "kubectl get",
      "kubectl describe",
      "kubectl proxy",
      "kubectl logs",
      "kubectl delete",
      "kubectl rollout history",
      "kubectl rollout undo",
    ]) {
      expect(canonical.has(c), c).toBe(true);
    }
  });

  it("makes the option table into option entries of docker container run, with -rm corrected", () => {
    const options = of("option");
    expect(options.map((o) => o.title)).toEqual(["-i", "-t", "--rm", "-v"]);
    expect(new Set(options.map((o) => o.command))).toEqual(new Set(["docker container run"]));
  });

  it("makes both glossary tables and the component lines into term entries", () => {
    const terms = of("term").map((e) => e.title);
    for (const t of [
      "RUN",
      "COPY",
      "CMD",
      "Kubernetesクラスタ",
      "Node",
      "kube-apiserver",
      "etcd",
      "kube-scheduler",
      "kube-controller-manager",
    ]) {
      expect(terms, t).toContain(t);
    }
    expect(of("term").find((e) => e.title === "etcd")?.text).toBe("Kubernetesクラスタのバッキングストア");
  });

  it("makes the manifests into example entries and reads their commented fields", () => {
    const examples = of("example");
    expect(examples.map((e) => e.data?.kind).filter(Boolean)).toEqual(
      expect.arrayContaining(["Pod", "ReplicaSet", "Deployment"]),
    );
    const rs = examples.find((e) => e.data?.kind === "ReplicaSet");
    expect(rs?.text).toContain("spec.replicas: 3 — 作成するPod数");
    expect(examples.find((e) => e.title === "simple-pod.yaml")).toBeDefined();
  });
});

describe("findings in the bundled note", () => {
  const at = (kind: string) => findings.filter((f) => f.kind === kind).map((f) => f.line);
  it("finds each known erratum with its line number", () => {
    const line = (needle: string) => LINES.findIndex((l) => l.includes(needle)) + 1;
    expect(at("script")).toEqual([line("!#/bin/sh")]);
    expect(at("dockerfile")).toEqual([line("FROM ubuntu: 16.04")]);
    expect(findings.find((f) => f.correction === "--rm")?.line).toBe(line("| -rm |"));
    expect(findings.find((f) => f.kind === "garbled-command")).toMatchObject({
      line: line("$kubectlexecitsimpleechoshcnginx"),
      correction: "kubectl exec -it simple-echo sh -c nginx",
    });
    const yaml = at("yaml");
    expect(yaml).toContain(line("        ports:"));
    expect(yaml).toContain(line("- containerPort:8080"));
    expect(findings.find((f) => f.kind === "table")).toMatchObject({ correction: "FROM" });
  });

  it("reports nothing else: no false alarms on the rest of the note", () => {
    expect(findings.length).toBe(9);
    expect(findings.filter((f) => f.kind === "toc" || f.kind === "duplicate-heading")).toEqual([]);
  });
});

describe("the notes' words around each command line", () => {
  /** The comment, intro and following line the extraction records for a line of a command entry. */
  const around = (text: string) => {
    const e = of("command").find((x) => (x.examples ?? []).includes(text));
    const i = (e?.examples ?? []).indexOf(text);
    const at = (key: string) => ((e?.data?.[key] as string[] | undefined) ?? [])[i];
    return { comment: at("comments"), lead: at("leads"), follow: at("follows") };
  };

  it("records the comment line above a command inside its code block", () => {
    expect(around("kubectl logs -f simple-echo").comment).toBe("標準出力");
    expect(around("kubectl delete pod simple-echo").comment).toBe("削除(Podベース)");
    expect(around("kubectl rollout history deployment echo --revision=1").comment).toBe(
      "特定のREVISIONの内容を確認",
    );
    // `## トークン取得` opens its block: it captions every line under it until another comment.
    expect(around("kubectl -n kube-system describe secret deployment-controller-<xxxxxxxxx>").comment).toBe(
      "トークン取得",
    );
    expect(around("docker container stop <コンテナ名またはコンテナID>").comment).toBe("");
  });

  it("records the sentence introducing the block and the line right after it", () => {
    const run = around("docker container run -d <名前空間>/<イメージ名>:<タグ名>");
    expect(run.lead).toBe("コンテナを起動するときは以下のコマンドを実行します。");
    expect(run.follow?.startsWith("-dオプションをつけることにより")).toBe(true);
    // The next block's intro is not this block's explanation.
    expect(around("docker container stop <コンテナ名またはコンテナID>").follow).toBe("");
  });

  it("captions a command written alone on a line by the list item above it (tldr pages)", () => {
    const page = "# tar\n\n- Extract an archive into the current directory:\n\n`docker cp web:/a.tar .`\n";
    const { entries: tldr } = extractEntries([parseNote("tar.md", page)]);
    const cmd = tldr.find((e) => e.kind === "command");
    expect(cmd?.examples).toEqual(["docker cp web:/a.tar ."]);
    expect(cmd?.data?.leads).toEqual(["Extract an archive into the current directory:"]);
  });

  it("reads a command named through tldr's choice of spellings by its first one, keeping the line as written", () => {
    const page = [
      "# docker container diff",
      "",
      "- Show every change to a container since it was created:",
      "",
      "`docker {{[diff|container diff]}} {{container}}`",
      "",
    ].join("\n");
    const { entries: tldr } = extractEntries([parseNote("docker-container-diff.md", page)]);
    const cmd = tldr.find((e) => e.kind === "command");
    expect(cmd?.command).toBe("docker container diff");
    expect(cmd?.examples).toEqual(["docker {{[diff|container diff]}} {{container}}"]);
  });
});

describe("definition lists", () => {
  const md = `# Components

### Node components

They run on every node.

[kubelet](/docs/architecture/#kubelet)
: Makes sure the containers of each Pod are running.

[kube-proxy](/docs/architecture/#kube-proxy) (optional)
: Keeps the network rules of the node.

A sentence that ends with a colon:
: is not a term.
`;
  const terms = extractEntries([parseNote("components.md", md)]).entries.filter((e) => e.kind === "term");

  it("reads a term on its own line followed by ': meaning' as a glossary entry, without its parenthesis", () => {
    expect(terms.map((e) => [e.title, e.text])).toEqual([
      ["kubelet", "Makes sure the containers of each Pod are running."],
      ["kube-proxy", "Keeps the network rules of the node."],
    ]);
    expect(terms[0]?.line).toBe(7);
  });
});

describe("links written as references", () => {
  it("are checked against the headings like inline links: a broken one is a toc finding", () => {
    const md = [
      "# Guide",
      "",
      "See [setup][s] and [the missing part][m].",
      "",
      "## Setup",
      "",
      "Install it.",
      "",
      "[s]: #setup",
      "[m]: #missing",
      "",
    ].join("\n");
    const toc = extractEntries([parseNote("guide.md", md)]).findings.filter((f) => f.kind === "toc");
    expect(toc.map((f) => [f.line, f.excerpt])).toEqual([[3, "[the missing part](#missing)"]]);
  });
});
