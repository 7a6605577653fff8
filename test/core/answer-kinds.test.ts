import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { renderReply } from "../../src/bots/discord/render.js";
import { renderSlack } from "../../src/bots/slack/render.js";
import { renderText } from "../../src/bots/terminal/render.js";
import { askReply } from "../../src/core/answers/ask.js";
import { definitionOf } from "../../src/core/answers/definition.js";
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

/** A page written as tldr writes one: its title, its one-line summary, then each example's caption and command. */
function tldrPage(title: string, summary: string, ...examples: [caption: string, command: string][]): string {
  const lines = examples.flatMap(([caption, command]) => [`- ${caption}`, "", `\`${command}\``, ""]);
  return [`# ${title}`, "", `> ${summary}`, "", ...lines].join("\n");
}

/** Every text a Slack message shows, joined. */
function slackText(r: Reply): string {
  return JSON.stringify(renderSlack(r, "en").blocks);
}

/** Every text a Discord message shows, joined. */
function discordText(r: Reply): string {
  const embeds = renderReply(r, "en").message.embeds ?? [];
  return embeds
    .map((e) => [e.title, e.description, ...(e.fields ?? []).map((f) => f.value)].join("\n"))
    .join("\n");
}

/** The block types of a reply, in order, up to the first note or see-also. */
function shape(r: Reply): string[] {
  return r.blocks.map((b) => b.type);
}

describe("answers planned by the kind of question (bundled notes)", () => {
  let env: TestTutor;
  beforeAll(() => {
    env = openTestTutor({ name: "answer-kinds" });
  });
  afterAll(() => env.close());
  const ask = (q: string, locale: "en" | "ja" = "en") => askReply(env.tutor, invocation(locale), q);

  it("how-to: the command line that does it, with the notes' comment above it as its caption", async () => {
    const r = await ask("how do I see logs of a pod");
    expect(r.title).toBe("Pod");
    expect(shape(r).slice(0, 2)).toEqual(["text", "code"]);
    expect(textsOf(r)[0]).toBe("標準出力");
    expect(codeOf(r)[0]).toBe("$ kubectl logs -f simple-echo");
    // Only the line that answers, not the section's other commands or its manifest.
    expect(codeOf(r).join("\n")).not.toContain("kubectl apply");
    expect(codeOf(r).join("\n")).not.toContain("apiVersion");
    const terminal = renderText(r, "en").split("\n");
    expect(terminal.slice(2, 4)).toEqual(["標準出力", "    $ kubectl logs -f simple-echo"]);
    expect(slackText(r)).toContain("```\\n$ kubectl logs -f simple-echo\\n```");
    expect(discordText(r)).toContain("```sh\n$ kubectl logs -f simple-echo\n```");
  });

  it("how-to: the line is chosen by the words the search read the question as (停止 is also stop)", async () => {
    // The section says 終了 for stopping and another section says 停止 beside a run line: the stop line wins.
    const r = await ask("コンテナを停止したいです", "ja");
    expect(codeOf(r)).toEqual(["$ docker container stop <コンテナ名またはコンテナID>"]);
  });

  it("how-to: a participle before the thing ('a stopped container') says which thing, not what to do", async () => {
    const r = await ask("how do I throw away a stopped container for good");
    expect(codeOf(r)).toEqual(["$ docker container rm <コンテナ名またはコンテナID>"]);
  });

  it("how-to in the imperative: a request typed as into a search box gets the command, not prose", async () => {
    const r = await ask("remove all unused images at once");
    expect(r.blocks[0]?.type === "text" || r.blocks[0]?.type === "code").toBe(true);
    expect(codeOf(r).some((c) => /^\$ docker (?:image|system) prune/.test(c))).toBe(true);
  });

  it("difference asked in a context ('RUN and CMD in a Dockerfile'): the notes' sentence naming both first", async () => {
    const r = await ask("what's the difference between RUN and CMD in a Dockerfile");
    expect(textsOf(r)[0]).toContain("CMD はアプリケーション自体の実行");
  });

  it("a difference asked as 'is A the same as B' shows both sides", async () => {
    const r = await ask("is docker container stop the same as deleting the container?");
    const code = codeOf(r).join("\n");
    expect(code).toContain("docker container stop");
    expect(code).toContain("docker container rm");
  });

  it("definition: a sentence that names the term as what something is called (… を X と呼びます)", async () => {
    const r = await ask("コンテナオーケストレーションとは", "ja");
    expect(textsOf(r)[0]).toContain("コンテナオーケストレーションと呼びます");
    // The definition is said once, not again as the section's next sentence.
    const k = await ask("Kubernetes とは", "ja");
    const first = textsOf(k)[0] ?? "";
    expect(first.split("コンテナオーケストレーションシステムです").length).toBe(2);
  });

  it("how-to: placeholders kept and explained, and the sentence after the block that explains it", async () => {
    const r = await ask("コンテナにファイルをコピーしたい", "ja");
    expect(r.title).toBe("cp");
    expect(textsOf(r)[0]).toBe("起動しているコンテナとホストOS間でファイルの受け渡しができます。");
    expect(codeOf(r)[0]).toBe(
      "$ docker container cp <コンテナIDまたはコンテナ名>:<コピーするファイルのパス> <ホストのコピー先のパス>",
    );
    const texts = textsOf(r);
    expect(texts.some((t) => t.includes("`<コンテナIDまたはコンテナ名>`") && t.includes("自分の値"))).toBe(
      true,
    );
    expect(texts.some((t) => t.includes("ホストのファイルをコンテナにコピーする"))).toBe(true);
  });

  it("how-to: both lines when the notes give two ways, each with its own caption", async () => {
    const r = await ask("Pod を削除するには", "ja");
    expect(codeOf(r)).toEqual(["$ kubectl delete pod simple-echo", "$ kubectl delete -f simple-pod.yaml"]);
    expect(textsOf(r).slice(0, 2)).toEqual(["削除(Podベース)", "削除(マニフェストベース)"]);
  });

  it("definition: the sentence that defines the term first, never a manifest comment", async () => {
    const r = await ask("What is a ReplicaSet?");
    expect(r.title).toBe("ReplicaSet");
    expect(textsOf(r)[0]?.startsWith("同じ仕様のPodを複数生成・管理するためのリソース")).toBe(true);
    expect(codeOf(r)).toEqual([]);
    expect(renderText(r, "en")).not.toContain("spec.replicas");
    expect(renderText(r, "en").split("\n")[2]).toBe("同じ仕様のPodを複数生成・管理するためのリソース");
  });

  it("definition: a quoted sentence that says what to think of the term as", async () => {
    const r = await ask("Namespace とは何か", "ja");
    expect(textsOf(r)[0]?.split("\n")[0]).toBe(
      "You can think of a Namespace as a virtual cluster inside your Kubernetes cluster.",
    );
  });

  it("definition: a glossary row about the term", async () => {
    const r = await ask("etcd とは", "ja");
    expect(textsOf(r)[0]).toBe("etcd — Kubernetesクラスタのバッキングストア");
  });

  it("difference: each side in the notes' words when no sentence names both", async () => {
    const r = await ask("-i と -t の違いは何ですか", "ja");
    const [first, second] = textsOf(r);
    expect(first?.startsWith("-i — ")).toBe(true);
    expect(first).toContain("標準入力を繋ぎっぱなし");
    expect(second?.startsWith("-t — ")).toBe(true);
  });

  it("difference: a side said with a verb ('ReplicaSet を直接使う') is defined by the name in it", async () => {
    for (const q of [
      "ReplicaSet を直接使うのと Deployment を使うのは何が違う？",
      "ReplicaSetを直接使うのとDeploymentを使うのは何が違う？",
    ]) {
      const text = textsOf(await ask(q, "ja")).join("\n");
      expect(text, q).toContain("同じ仕様のPodを複数生成・管理するためのリソース");
      expect(text, q).toContain("ReplicaSetを管理するためのリソース");
    }
  });

  it("difference: the sentence that names both sides first", async () => {
    const r = await ask("NodePort Service と Ingress の違いを教えて", "ja");
    expect(textsOf(r)[0]).toContain("L4レベルの制御");
    expect(textsOf(r)[0]).toContain("L7レベルのルーティング");
  });

  it("difference: two things described under two headings are answered from both, each in the notes' words", async () => {
    for (const q of ["ClusterIP と NodePort のちがい", "ClusterIP と NodePort はどこが違う？"]) {
      const r = await ask(q, "ja");
      const text = textsOf(r).join("\n");
      expect(r.notFound, q).not.toBe(true);
      // "ClusterIP" is the notes' "Cluster IP Service", and NodePort their "NodePort Service".
      expect(text, q).toContain("内部IPアドレスに公開できるService");
      expect(text, q).toContain("外部に公開できるサービス");
    }
  });

  it("difference: 'A と B はどこが違う' compares A and B (not 'B はどこが')", async () => {
    const r = await ask("NodePort と Ingress はどこが違う？", "ja");
    expect(textsOf(r)[0]).toContain("L4レベルの制御");
  });

  it("list: the kinds of a thing, one per heading under it, each with its opening sentence", async () => {
    for (const q of ["Service にはどんな種類がある？", "what types of Service are there"]) {
      const first = textsOf(await ask(q, "ja"))[0] ?? "";
      expect(first.split("\n"), q).toEqual([
        "Cluster IP Service — 内部IPアドレスに公開できるService。",
        "NodePort Service — 外部に公開できるサービス。",
        expect.stringMatching(/^ExternalName Service — /),
      ]);
    }
    // Not for a list that is not of kinds: the section's own list.
    const reasons = textsOf(await ask("Docker を使う意義を挙げてください", "ja")).join("\n");
    expect(reasons).toContain("冪等性を確保できる");
  });

  it("difference: not in the notes when one side is never named in them", async () => {
    const r = await ask("Dockerfile の ENTRYPOINT と CMD の違い", "ja");
    expect(r.notFound).toBe(true);
  });

  it("which command: the command itself first, then the notes' caption", async () => {
    const r = await ask("Deployment のリビジョン履歴を見るコマンド", "ja");
    expect(r.blocks[0]).toEqual({
      type: "code",
      lang: "sh",
      code: "$ kubectl rollout history deployment echo",
    });
    expect(textsOf(r)[0]).toBe("Deploymentのリビジョンを確認");
  });

  it("which option: the option itself first, with the notes' row", async () => {
    const r = await ask("which option shares a directory between host and container");
    expect(textsOf(r)[0]).toBe("`-v` — ホストとコンテナ間でディレクトリやファイルを共有する。");
  });

  it("which option: a sentence about the flag, then the notes' own line that uses it", async () => {
    const r = await ask("which option connects a host port to a container port");
    expect(textsOf(r)[0]).toMatch(/^`-p` — /u);
    expect(codeOf(r)).toEqual(["$ docker container run -d -p 9000:8080 <コンテナ名>"]);
  });

  it("list: the items of the list the section holds", async () => {
    const r = await ask("Masterサーバにはどんな管理コンポーネントがある？", "ja");
    const text = textsOf(r)[0] ?? "";
    for (const c of ["kube-apiserver", "etcd", "kube-scheduler", "kube-controller-manager"])
      expect(text).toContain(`${c} — `);
  });

  it("how-to: every line under the block's one caption (the token is got with two commands)", async () => {
    const r = await ask("ダッシュボード用のトークンを確認するには", "ja");
    expect(textsOf(r)[0]).toBe("トークン取得");
    expect(codeOf(r)).toEqual([
      "$ kubectl -n kube-system get secret | grep deployment-controller",
      "$ kubectl -n kube-system describe secret deployment-controller-<xxxxxxxxx>",
    ]);
  });

  it("how-to: the line that does the verb asked, not one about the same thing that does another", async () => {
    // The Deployment section both creates (kubectl apply) and deletes (caption "Deployment削除") from the manifest.
    const r = await ask("Deployment をマニフェストから作成するには", "ja");
    expect(codeOf(r)[0]).toContain("kubectl apply -f simple-deployment.yaml");
    expect(codeOf(r).join("\n")).not.toContain("kubectl delete");
  });

  it("how-to: a command named in prose is not shown again beside its full line", async () => {
    const r = await ask("起動していないコンテナを一括破棄したい", "ja");
    const lines = codeOf(r);
    expect(lines).toContain("$ docker container prune <オプション>");
    expect(lines).not.toContain("$ docker container prune");
  });

  it("which option: asked in English of a Japanese option table ('keeps standard input open': -i)", async () => {
    const r = await ask("which option keeps the container's standard input open");
    expect(textsOf(r)[0]).toContain("-i");
    expect(textsOf(r)[0]).toContain("標準入力");
  });

  it("difference: 'is A any different from B' compares A and B", async () => {
    const r = await ask("is Kubernetes any different from Docker Swarm?");
    expect(textsOf(r)[0]).toBe("Kubernetes の立ち位置としては Docker Swarm とほぼ同じである。");
  });

  it("how-to: deleting one thing is answered by the line that deletes one, not the one that clears them all", async () => {
    for (const q of ["コンテナを破棄するやり方を教えて", "how do I delete a container I no longer need"]) {
      const r = await ask(q, q.startsWith("how") ? "en" : "ja");
      expect(codeOf(r)[0], q).toBe("$ docker container rm <コンテナ名またはコンテナID>");
    }
    // Asked for all at once, the bulk line answers.
    expect(codeOf(await ask("使っていないコンテナをまとめて消したい", "ja"))[0]).toBe(
      "$ docker container prune <オプション>",
    );
  });

  it("how-to asked for all at once: the line that clears them all, though another section ranked first", async () => {
    // The best section is the one that removes a container (docker container rm); the bulk line is in the next.
    expect(codeOf(await ask("how do I remove all stopped containers in one go"))[0]).toBe(
      "$ docker container prune <オプション>",
    );
  });

  it("how-to: two commands of the section that both do it, each with its caption", async () => {
    const r = await ask("remove all unused images at once");
    expect(codeOf(r)).toContain("$ docker image prune <オプション>");
    expect(codeOf(r)).toContain("$ docker system prune");
  });

  it("which option, asked as a noun phrase ending in オプション: the command line with the option", async () => {
    const r = await ask("イメージに名前とタグを付けてビルドするオプション", "ja");
    expect(codeOf(r)[0]).toContain("docker image build -t");
  });

  it("says how it read a typo when the search reports one, before the answer", async () => {
    const ask0 = env.tutor.index.ask.bind(env.tutor.index);
    const spy = vi.spyOn(env.tutor.index, "ask").mockImplementation((q) => {
      const outcome = { ...ask0(q), readings: [{ typed: "replcaset", read: "ReplicaSet" }] };
      return outcome;
    });
    try {
      const r = await ask("What is a ReplicaSet?");
      expect(r.blocks[0]).toEqual({ type: "note", tone: "info", text: "Read `replcaset` as `ReplicaSet`." });
      expect(renderText(r, "en").split("\n")[2]).toBe("ℹ Read `replcaset` as `ReplicaSet`.");
      const ja = await ask("ReplicaSet って何？", "ja");
      expect(notesOf(ja)[0]).toBe("`replcaset` を `ReplicaSet` と解釈しました。");
    } finally {
      spy.mockRestore();
    }
  });

  it("prints see-also once in the terminal: one line per other section, with its source", async () => {
    const r = await ask("how do I see logs of a pod");
    const out = renderText(r, "en");
    expect(r.citations.length).toBeGreaterThan(1);
    for (const c of r.citations.slice(1)) {
      const path = c.path.join(" › ");
      expect(out.split(path).length - 1, path).toBe(1);
      expect(out).toContain(`See also: ${path} (${c.source})`);
    }
  });
});

describe("the same methods on notes written another way", () => {
  const tldr = tldrPage(
    "docker build",
    "Build a Docker image out of a Dockerfile.",
    ["Build an image using the Dockerfile in the current directory:", "docker build ."],
    ["Build an image and give it a name and tag:", "docker build -t {{name:tag}} ."],
  );
  const manifestLines = Array.from(
    { length: 400 },
    (_, i) => `    - name: item-${i}\n      value: "${"x".repeat(20)}"`,
  );
  const howto = [
    "# Ops",
    "",
    "## Logs",
    "",
    "Logs are the lines a program prints while it runs.",
    "",
    "```",
    "# follow the logs of the web pod",
    "$ kubectl logs -f web",
    "# the logs of its previous run",
    "$ kubectl logs --previous web",
    "```",
    "",
    "## Big manifest",
    "",
    "big.yaml",
    "```yaml",
    "apiVersion: v1",
    "kind: ConfigMap",
    "metadata:",
    "  name: big",
    "data:",
    "  items:",
    ...manifestLines,
    "```",
    "",
  ].join("\n");
  const env = tutorOverNotes({ "docker-build.md": tldr, "ops.md": howto }, "answer-kinds-other");
  const ask = (q: string) => askReply(env().tutor, invocation("en"), q);

  it("a tldr-style page: the command under its `- description:` item, with the item as its caption", async () => {
    const r = await ask("how do I build an image and tag it");
    expect(codeOf(r)[0]).toBe("$ docker build -t {{name:tag}} .");
    expect(textsOf(r)[0]).toBe("Build an image and give it a name and tag:");
    expect(textsOf(r).some((t) => t.includes("`{{name:tag}}`"))).toBe(true);
  });

  it("a block of several commands: the one whose comment matches, with that comment", async () => {
    const r = await ask("how do I see the logs of the previous run");
    expect(codeOf(r)).toEqual(["$ kubectl logs --previous web"]);
    expect(textsOf(r)[0]).toBe("the logs of its previous run");
  });

  it("a definition from the section's opening sentence", async () => {
    const r = await ask("what are logs");
    expect(textsOf(r)[0]?.startsWith("Logs are the lines a program prints")).toBe(true);
  });

  it("a long manifest is shown as code cut at whole lines within Slack's and Discord's limits", async () => {
    const r = await ask("big.yaml");
    const code = codeOf(r)[0] ?? "";
    expect(code.split("\n").length).toBeGreaterThan(400);
    const source = new Set(code.split("\n"));
    const slackCode = renderSlack(r, "en")
      .blocks.flatMap((b) => (b.type === "section" && b.text?.text.startsWith("```") ? [b.text.text] : []))
      .at(0);
    expect(slackCode).toBeDefined();
    expect((slackCode ?? "").length).toBeLessThanOrEqual(3000);
    expect(slackCode?.endsWith("```")).toBe(true);
    const slackLines = (slackCode ?? "").slice(4, -4).split("\n");
    for (const line of slackLines.slice(0, -1))
      expect(source.has(line.replace(/&quot;/g, '"')), line).toBe(true);
    expect(slackLines.at(-1)).toBe("…");
    const description =
      renderReply(r, "en")
        .message.embeds?.map((e) => e.description ?? "")
        .join("\n") ?? "";
    const fence = /```yaml\n([\s\S]*?)\n```/.exec(description);
    expect(fence).not.toBeNull();
    expect((fence?.[0] ?? "").length).toBeLessThanOrEqual(4096);
    const discordLines = (fence?.[1] ?? "").split("\n");
    for (const line of discordLines.slice(0, -1)) expect(source.has(line), line).toBe(true);
    expect(discordLines.at(-1)).toBe("…");
  });
});

describe("a tldr page that names its command through a choice of spellings", () => {
  const diff = tldrPage(
    "docker container diff",
    "Tell which files and directories of a container's filesystem changed.",
    [
      "Show every change to a container since it was created:",
      "docker {{[diff|container diff]}} {{container}}",
    ],
  );
  const compose = tldrPage(
    "docker compose",
    "Run and manage multi-container applications.",
    [
      "Start all containers in the background from the compose file in this directory:",
      "docker compose up {{[-d|--detach]}}",
    ],
    ["Start all containers with another compose file:", "docker compose {{[-f|--file]}} {{path/to/file}} up"],
  );
  const env = tutorOverNotes(
    { "docker-container-diff.md": diff, "docker-compose.md": compose },
    "answer-kinds-alias-syntax",
  );

  it("answers with that page's line, not another page's that shares more of the question's words", async () => {
    const r = await askReply(
      env().tutor,
      invocation("en"),
      "see which files changed inside a container since it was started",
    );
    expect(codeOf(r)[0]).toBe("$ docker {{[diff|container diff]}} {{container}}");
    expect(textsOf(r)[0]).toBe("Show every change to a container since it was created:");
  });
});

describe("a tldr page of a tool the command reference does not know", () => {
  const helm = tldrPage("helm install", "Install a helm chart.", [
    "Install a helm chart with your own values file:",
    "helm install {{name}} {{repository_name}}/{{chart_name}} {{[-f|--values]}} {{path/to/values.yaml}}",
  ]);
  const label = tldrPage("kubectl label", "Label Kubernetes resources.", [
    "Label a pod with my own value, overwriting the file's one:",
    "kubectl label pod {{pod_name}} {{key}}={{value}} --overwrite",
  ]);
  const env = tutorOverNotes(
    { "helm-install.md": helm, "kubectl-label.md": label },
    "answer-kinds-unknown-tool",
  );

  it("answers from that page, not with a known command's line from a page ranked below it", async () => {
    const r = await askReply(env().tutor, invocation("en"), "install a helm chart with my own values file");
    expect(r.citations[0]?.path.at(-1)).toBe("helm install");
    const shown = [...textsOf(r), ...codeOf(r)].join("\n");
    expect(shown).toContain("{{[-f|--values]}} {{path/to/values.yaml}}");
    expect(shown).not.toContain("kubectl label pod");
  });
});

describe("a page the search scored far below the first", () => {
  const rollout = tldrPage(
    "kubectl rollout",
    "Manage how a new version of a deployment or daemonset is rolled out.",
    [
      "Restart a resource gradually, a few replicas at a time:",
      "kubectl rollout restart {{resource_type}}/{{resource_name}}",
    ],
    ["Watch a rollout until it is done:", "kubectl rollout status {{resource_type}}/{{resource_name}}"],
  );
  const run = tldrPage("kubectl run", "Start one pod from an image.", [
    "Start a throwaway pod that is never restarted and is removed once it exits:",
    "kubectl run {{name}} --image {{image}} --restart Never --rm",
  ]);
  const env = tutorOverNotes(
    { "kubectl-rollout.md": rollout, "kubectl-run.md": run },
    "answer-kinds-standing",
  );

  it("answers with the first page's line, not a line that shares one more word from a page well below it", async () => {
    const question = "restart all pods of a deployment one by one";
    const hits = env().tutor.index.ask(question).hits;
    const [first, other] = [hits[0], hits.find((h) => h.entry.path.at(-1) === "kubectl run")];
    expect(first?.entry.path.at(-1)).toBe("kubectl rollout");
    // The premise: the other page is ranked, and well below the first.
    expect(other && first && other.score / first.score).toBeLessThan(0.85);
    const r = await askReply(env().tutor, invocation("en"), question);
    expect(codeOf(r)[0]).toBe("$ kubectl rollout restart {{resource_type}}/{{resource_name}}");
    expect(codeOf(r).join("\n")).not.toContain("kubectl run");
  });
});

describe("a tldr page whose last line only shows the command's help", () => {
  const rename = tldrPage(
    "docker container rename",
    "Give an existing container another name.",
    ["Give a container a new name:", "docker {{[rename|container rename]}} {{container}} {{new_name}}"],
    ["Display help:", "docker {{[rename|container rename]}} --help"],
  );
  const env = tutorOverNotes({ "docker-container-rename.md": rename }, "answer-kinds-help-line");

  it("answers a how-to with the line that does it, without the help line beside it", async () => {
    const r = await askReply(env().tutor, invocation("en"), "how do I rename a container");
    expect(codeOf(r)).toEqual(["$ docker {{[rename|container rename]}} {{container}} {{new_name}}"]);
    expect(textsOf(r).join("\n")).not.toContain("Display help");
  });

  it("shows the help line when the question asks for the command's help", async () => {
    const r = await askReply(env().tutor, invocation("en"), "how do I see the help for renaming a container");
    expect(codeOf(r)).toContain("$ docker {{[rename|container rename]}} --help");
  });
});

describe("a how-to whose best section writes no command", () => {
  const services = [
    "# Services",
    "",
    "## DNS names",
    "",
    "Every Service gets a DNS name of the form `<service>.<namespace>.svc.cluster.local`.",
    "A Pod reaches a Service in its own namespace by the short name alone; to reach one in another namespace, add that namespace after the name.",
    "",
    "## Services without selectors",
    "",
    "A Service without selectors does not pick Pods by itself: it can send traffic to a database outside the cluster.",
    "Write the Endpoints for it by hand and apply them:",
    "",
    "```sh",
    "kubectl apply -f endpoints.yaml",
    "```",
    "",
    "## Ports",
    "",
    "A Service maps its port to the target port of its Pods.",
    "",
    "```sh",
    "kubectl expose deployment web --port 80 --target-port 8080",
    "```",
  ].join("\n");
  const env = tutorOverNotes({ "services.md": services }, "answer-kinds-prose-first");

  it("is answered by that section's prose, not by a command from a section the search scored far below", async () => {
    const question = "how do I reach a service in another namespace by its DNS name";
    const r = await askReply(env().tutor, invocation("en"), question);
    expect(r.citations[0]?.path.at(-1)).toBe("DNS names");
    expect(textsOf(r).join("\n")).toContain("<service>.<namespace>.svc.cluster.local");
    expect(codeOf(r).join("\n")).not.toContain("kubectl expose");
  });
});

describe("a question of no particular kind", () => {
  const images = [
    "# Images",
    "",
    "## Build",
    "",
    "To build, run the following command.",
    "```",
    "$ docker image build -t <name>:<tag> <dir>",
    "```",
    "A namespace in the name avoids clashes.",
    "",
  ].join("\n");
  const env = tutorOverNotes({ "images.md": images }, "answer-kinds-other-kind");
  const ask = (q: string) => askReply(env().tutor, invocation("en"), q);

  it("whose best entry is a command line shows that line, not only the prose that introduces it", async () => {
    // The prose says "run the following command": an answer of that prose alone would leave the command out.
    const r = await ask("image build with a name and tag");
    expect(textsOf(r)[0]).toBe("To build, run the following command.");
    expect(codeOf(r)[0]).toBe("$ docker image build -t <name>:<tag> <dir>");
  });
});

describe("a flag in someone else's notes", () => {
  const notes = [
    "# Pods",
    "",
    "## ログを見る",
    "",
    "| オプション | 意味 |",
    "| --- | --- |",
    "| `-f` | ログを追従して表示し続ける |",
    "",
    "## ログ収集を設定する",
    "",
    "ログを表示し続けるエージェントを入れる。",
    "```",
    "# ログ収集エージェントを適用",
    "$ kubectl apply -f fluentd.yaml",
    "```",
    "",
  ].join("\n");
  const env = tutorOverNotes({ "pods.md": notes }, "answer-kinds-flags");
  const ask = (q: string, locale: "en" | "ja" = "en") => askReply(env().tutor, invocation(locale), q);

  it("never shows an option with another command's line that has the same letters", async () => {
    const r = await ask("ログを追従して表示し続けるオプションは？", "ja");
    expect(textsOf(r)[0]).toContain("-f");
    expect(codeOf(r).join("\n")).not.toContain("kubectl apply");
  });
});

describe("the kinds of a thing in someone else's notes", () => {
  const notes = [
    "# Service",
    "",
    "## Service の種類",
    "",
    "### ClusterIP",
    "",
    "クラスタの中だけで使える内部の IP アドレスを持つ。",
    "",
    "### NodePort",
    "",
    "各ノードのポートで外部に公開する。",
    "",
    "## Service の作成",
    "",
    "マニフェストを kubectl apply で適用して作る。",
    "",
    "## Service の削除",
    "",
    "kubectl delete service で消す。",
    "",
  ].join("\n");
  const env = tutorOverNotes({ "service.md": notes }, "answer-kinds-kinds");
  const ask = (q: string) => askReply(env().tutor, invocation("ja"), q);

  it("lists the subheadings of the section about the kinds, not its siblings about other things", async () => {
    const first = textsOf(await ask("Service にはどんな種類がある？"))[0] ?? "";
    expect(first).toContain("ClusterIP — クラスタの中だけで使える");
    expect(first).toContain("NodePort — 各ノードのポートで外部に公開する。");
    expect(first).not.toContain("Service の作成");
  });
});

describe("a definition in notes that also head a kind of the subject", () => {
  const notes = [
    "# Tools",
    "",
    "## Git コマンド",
    "",
    "よく使う Git のコマンドをまとめる。",
    "",
    "## Git",
    "",
    "Git は分散型のバージョン管理システムである。",
    "",
    "## Microservice",
    "",
    "小さなサービスを組み合わせて作るアーキテクチャ。",
    "",
  ].join("\n");
  const env = tutorOverNotes({ "tools.md": notes }, "answer-kinds-kind-suffix");
  const section = (title: string) => {
    const found = env()
      .tutor.index.allEntries("section")
      .find((e) => e.title === title);
    if (!found) throw new Error(`no section ${title}`);
    return found;
  };

  it("answers from the heading that is the subject itself before one that adds its kind", () => {
    // Even when the search ranked the kind's heading first.
    const def = definitionOf(env().tutor, "Git", [section("Git コマンド")]);
    expect(def?.text).toContain("分散型のバージョン管理システム");
  });

  it("takes an English kind word only after a space: 'micro' is not defined by 'Microservice'", () => {
    expect(definitionOf(env().tutor, "micro", [section("Microservice")])?.text ?? "").not.toContain(
      "小さなサービスを組み合わせて",
    );
  });
});

/** A data team's Airflow page: a kubectl line on the page, the tool's own lines under a heading, in `fence`. */
const airflowPage = (fence: string) =>
  [
    "# Airflow",
    "",
    "DAG の import を手で試すときは scheduler の Pod に入る:",
    "",
    `\`\`\`${fence}`,
    "# DAG を import して試す",
    "kubectl -n airflow exec -it deploy/airflow-scheduler -- python /dags/orders.py",
    "```",
    "",
    "## DAG の状態を見る",
    "",
    `\`\`\`${fence}`,
    "airflow dags list",
    "airflow dags list-import-errors",
    "```",
    "",
    "DAG が UI に出ないときはまず import エラーを見る。",
    "",
  ].join("\n");

/** A dbt page whose Tests section holds a YAML block and two subheadings that say what to do, each with a line. */
const dbtPage = (intro: string, aspects: readonly [string, string][]) =>
  [
    "# dbt",
    "",
    "## Tests",
    "",
    intro,
    "",
    "```yaml",
    "columns:",
    "  - name: status",
    "    tests:",
    "      - accepted_values:",
    "          values: ['placed', 'shipped']",
    "```",
    "",
    ...aspects.flatMap(([heading, line]) => [`### ${heading}`, "", line, ""]),
  ].join("\n");

describe("a data team's notes: tools the command reference does not know, glossary pairs, aspects of a thing", () => {
  const notes = {
    "airflow.md": airflowPage("bash"),
    "glossary.md": [
      "# 用語集",
      "",
      "## DAG Run とタスクインスタンス",
      "",
      "DAG Run は DAG の1回分の実行。タスクインスタンスは、その DAG Run の中の1タスクの実行。",
      "",
    ].join("\n"),
    "dbt.md": dbtPage("Generic tests are declared in the model's YAML:", [
      ["Seeing the rows that failed", "Add --store-failures and dbt keeps the failing rows."],
      ["Warn instead of fail", "Set severity: warn for checks we only watch."],
    ]),
  };
  const env = tutorOverNotes(notes, "answer-kinds-data");
  const ask = (q: string, locale: "en" | "ja" = "en") => askReply(env().tutor, invocation(locale), q);

  it("which command: the best section's own shell block, not another section's kubectl line", async () => {
    const r = await ask("which command shows DAGs that failed to import?");
    expect(r.title).toBe("DAG の状態を見る");
    expect(codeOf(r).join("\n")).toContain("airflow dags list-import-errors");
    expect(codeOf(r).join("\n")).not.toContain("kubectl -n airflow exec");
  });

  it("difference: each side's own sentence from a section headed by both, each said once", async () => {
    const text = renderText(await ask("DAG Run とタスクインスタンスの違いは？", "ja"), "ja");
    expect(text).toContain("DAG Run は DAG の1回分の実行");
    expect(text.split("タスクインスタンスは、その DAG Run の中の1タスクの実行")).toHaveLength(2);
  });

  it("a heading joining two names defines each, not a word inside one ('DAG' is not 'DAG Run')", () => {
    const glossary = env()
      .tutor.index.allEntries("section")
      .find((e) => e.title === "DAG Run とタスクインスタンス");
    if (!glossary) throw new Error("no glossary section");
    expect(definitionOf(env().tutor, "DAG Run", [glossary])?.text).toBe("DAG Run は DAG の1回分の実行。");
    expect(definitionOf(env().tutor, "DAG", [glossary])).toBeNull();
  });

  it("kinds: subheadings that say what to do with a thing are not its kinds; the section's own block is", async () => {
    const text = renderText(await ask("what kinds of generic tests do we put on dbt columns?"), "en");
    expect(text).toContain("accepted_values");
    expect(text).not.toContain("Warn instead of fail —");
  });
});

describe("the same notes written with bare fences and Japanese subheadings", () => {
  const notes = {
    "airflow.md": airflowPage(""),
    "dbt.md": dbtPage("テストはモデルの YAML に書く:", [
      ["失敗した行を見る", "--store-failures を付けると失敗した行がテーブルに残る。"],
      ["警告だけにする", "severity: warn にすると止まらない。"],
    ]),
  };
  const env = tutorOverNotes(notes, "answer-kinds-data-bare");
  const ask = (q: string, locale: "en" | "ja" = "en") => askReply(env().tutor, invocation(locale), q);

  it("which command: an unlabelled block of command lines is the section's shell block too", async () => {
    const r = await ask("which command shows DAGs that failed to import?");
    expect(codeOf(r).join("\n")).toContain("airflow dags list-import-errors");
    expect(codeOf(r).join("\n")).not.toContain("kubectl -n airflow exec");
  });

  it("kinds: Japanese subheadings that say what to do are not kinds either", async () => {
    const text = renderText(await ask("dbt の Tests にはどんな種類がある？", "ja"), "ja");
    expect(text).not.toContain("失敗した行を見る —");
    expect(text).not.toContain("警告だけにする —");
  });
});

describe("a question that asks for all without removing", () => {
  const notes = [
    "# Containers",
    "",
    "## 一覧と片付け",
    "",
    "```",
    "# 停止中のものも含めて全て表示",
    "$ docker container ls -a",
    "# 停止中のコンテナを一括削除",
    "$ docker container prune",
    "```",
    "",
  ].join("\n");
  const env = tutorOverNotes({ "containers.md": notes }, "answer-kinds-all");
  const ask = (q: string) => askReply(env().tutor, invocation("en"), q);

  it("shows the line that lists them all, not the one that clears them", async () => {
    const lines = codeOf(await ask("show every stopped container"));
    expect(lines).toContain("$ docker container ls -a");
    expect(lines).not.toContain("$ docker container prune");
  });

  it("and the line that clears them when it asks to remove them all", async () => {
    expect(codeOf(await ask("remove every stopped container at once"))[0]).toBe("$ docker container prune");
  });
});

describe("a command whose block is followed by what it leads to", () => {
  const notes = [
    "# Kubernetes",
    "",
    "## ダッシュボード",
    "",
    "ダッシュボードをデプロイする。",
    "```",
    "$ kubectl apply -f https://example.com/kubernetes-dashboard.yaml",
    "```",
    "",
    "## 用語",
    "",
    "```",
    "## プロキシサーバ立ち上げ",
    "$ kubectl proxy",
    "```",
    "http://localhost:8001/api/v1/namespaces/kube-system/services/https:kubernetes-dashboard:/proxy/ にアクセス",
    "",
  ].join("\n");
  const env = tutorOverNotes({ "k8s.md": notes }, "answer-kinds-follow");
  const ask = (q: string) => askReply(env().tutor, invocation("en"), q);

  it("is the answer when the line after the block holds what the question asks (open the dashboard locally)", async () => {
    expect(codeOf(await ask("how do I open the kubernetes dashboard on localhost"))).toContain(
      "$ kubectl proxy",
    );
  });
});

describe("a command whose block is followed by the next step", () => {
  const notes = [
    "# Kubernetes",
    "",
    "## ダッシュボード",
    "",
    "まずプロキシを立ち上げる。",
    "```",
    "$ kubectl proxy",
    "```",
    "次にダッシュボードをデプロイする。",
    "",
    "マニフェストは公式のものを使う。",
    "```",
    "$ kubectl apply -f https://example.com/recommended.yaml",
    "```",
    "",
  ].join("\n");
  const env = tutorOverNotes({ "k8s.md": notes }, "answer-kinds-next-step");
  const ask = (q: string) => askReply(env().tutor, invocation("ja"), q);

  it("is not credited with that step's words", async () => {
    const lines = codeOf(await ask("ダッシュボードをデプロイする方法"));
    expect(lines[0]).toBe("$ kubectl apply -f https://example.com/recommended.yaml");
    expect(lines).not.toContain("$ kubectl proxy");
  });
});

describe("a list of a page's command lines", () => {
  const page = tldrPage(
    "docker volume",
    "Work with the volumes Docker keeps.",
    ["Make a new volume:", "docker volume create {{volume_name}}"],
    ["Print every volume:", "docker volume ls"],
    ["Delete one volume:", "docker volume rm {{volume_name}}"],
    ["Display help:", "docker volume {{subcommand}} --help"],
  );
  const top = tldrPage(
    "docker top",
    "See what runs inside a container.",
    ["See the processes inside a container:", "docker top {{container}}"],
    ["Display help:", "docker top --help"],
  );
  const diff = tldrPage(
    "docker container diff",
    "Tell which files a container has touched.",
    ["Show the files a container changed since it was made:", "docker container diff {{container}}"],
    ["Display help:", "docker container diff --help"],
  );
  const tag = tldrPage(
    "docker tag",
    "Give an existing image another name.",
    ["Name an image by its ID:", "docker {{[tag|image tag]}} {{id}} {{name}}:{{tag}}"],
    [
      "Add a second tag to an image:",
      "docker {{[tag|image tag]}} {{image}}:{{old_tag}} {{image}}:{{new_tag}}",
    ],
    ["Display help:", "docker {{[tag|image tag]}}"],
  );
  const env = tutorOverNotes(
    { "docker-volume.md": page, "docker-top.md": top, "docker-diff.md": diff, "docker-tag.md": tag },
    "answer-kinds-page-list",
  );
  const text = async (q: string) => allText(await askReply(env().tutor, invocation("en"), q));

  it("holds every line, the one without arguments too, each captioned without the colon", async () => {
    const shown = await text("docker のボリュームを一覧表示");
    expect(shown).toContain("`docker volume ls` — Print every volume\n");
    expect(shown).toContain("`docker volume create {{volume_name}}` — Make a new volume\n");
    expect(shown).not.toMatch(/:\n/);
  });

  it("leaves out the help line unless the question asks for help", async () => {
    expect(await text("docker のボリュームを一覧表示")).not.toContain("--help");
    const reply = await askReply(env().tutor, invocation("en"), "list the processes running in a container");
    const one = allText(reply);
    expect(textsOf(reply)[0]).toBe("`docker top {{container}}` — See the processes inside a container");
    expect(one).not.toMatch(/--help|Display help/);
    expect(await text("docker volume help を一覧で見たい")).toContain("docker volume {{subcommand}} --help");
  });

  it("is not shown whole with its help line in a section answer", async () => {
    const shown = await text("which files changed inside my container since it started?");
    expect(shown).toContain("docker container diff {{container}}");
    expect(shown).not.toMatch(/--help|Display help/);
  });

  it("nor in a how-to, where the help line is known by its caption", async () => {
    const shown = await text("Docker イメージにタグを付けたい");
    expect(shown).toContain("docker {{[tag|image tag]}} {{id}} {{name}}:{{tag}}");
    expect(shown).not.toContain("Display help");
  });
});

describe("a command line whose notes go on to show its output", () => {
  // As the Kubernetes docs write their steps: a list item, its command, then a paragraph ending on the output.
  const notes = [
    "# Rollouts",
    "",
    "## Rolling back",
    "",
    "* Go back to the revision before the last one:",
    "    ```shell",
    "    kubectl rollout undo deployment/web",
    "    ```",
    "",
    "    The controller starts the old Pods again. What it prints looks like the following:",
    "    ```",
    "    deployment.apps/web rolled back",
    "    ```",
    "",
    "## 一時停止",
    "",
    "* ロールアウトを止めておくには、次のコマンドを使います。",
    "    ```shell",
    "    kubectl rollout pause deployment/web",
    "    ```",
    "",
    "    実行結果は以下のとおりです。",
    "    ```",
    "    deployment.apps/web paused",
    "    ```",
  ].join("\n");
  const env = tutorOverNotes({ "rollouts.md": notes }, "answer-kinds-output-intro");

  it("keeps the sentence after the block, but not the one that only introduces an output it does not show", async () => {
    const r = await askReply(env().tutor, invocation("en"), "how do I roll back the web deployment");
    expect(codeOf(r).join("\n")).toContain("kubectl rollout undo deployment/web");
    expect(allText(r)).toContain("The controller starts the old Pods again.");
    expect(allText(r)).not.toContain("looks like the following");
  });

  it("shows the list item's own words over its command, as its caption", async () => {
    const r = await askReply(env().tutor, invocation("ja"), "ロールアウトを一時停止したい");
    const at = r.blocks.findIndex((b) => b.type === "code");
    const before = r.blocks[at - 1];
    expect(before?.type === "text" && before.text).toBe(
      "ロールアウトを止めておくには、次のコマンドを使います。",
    );
  });

  it("does the same for a Japanese note (「実行結果は以下のとおりです。」)", async () => {
    const r = await askReply(env().tutor, invocation("ja"), "ロールアウトを一時停止したい");
    expect(codeOf(r).join("\n")).toContain("kubectl rollout pause deployment/web");
    expect(allText(r)).not.toContain("実行結果は以下のとおりです。");
  });
});
