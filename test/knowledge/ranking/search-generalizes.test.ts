import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../../src/core/storage/database.js";
import { ensureIndex } from "../../../src/knowledge/index-store.js";
import {
  familiarTypo,
  isEnglishWord,
  isFamiliarEnglish,
} from "../../../src/knowledge/ranking/general-english.js";
import {
  bareHeading,
  isCommandHeading,
  negates,
  restricts,
} from "../../../src/knowledge/ranking/heading-signals.js";
import { asksWhichThing } from "../../../src/knowledge/ranking/question.js";
import { QueryAnalyzer, actionWord } from "../../../src/knowledge/ranking/query-terms.js";
import { SectionIndex } from "../../../src/knowledge/ranking/section-index.js";
import {
  ACTION_CAP,
  FOUND_COVERAGE,
  NEGATED_WORD_FACTOR,
  foundCoverage,
  LONG_QUESTION,
} from "../../../src/knowledge/ranking/weights.js";
import { KnowledgeIndex } from "../../../src/knowledge/search.js";

/** A notes folder written into a temporary directory, indexed, with its KnowledgeIndex. */
function folder(files: Record<string, string>): KnowledgeIndex {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tutor-rank-"));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  const db = openDatabase(path.join(dir, "index.sqlite"));
  opened.push({ db, dir });
  ensureIndex(db, dir, true);
  return new KnowledgeIndex(db);
}
const opened: { db: ReturnType<typeof openDatabase>; dir: string }[] = [];

/** The question analyzer of a notes folder written into a temporary directory. */
function analyzer(files: Record<string, string>): QueryAnalyzer {
  folder(files);
  const last = opened[opened.length - 1];
  if (!last) throw new Error("no folder");
  return new QueryAnalyzer(new SectionIndex(last.db));
}
afterAll(() => {
  for (const { db, dir } of opened) {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** A page written as tldr writes one: its title, one-line summary, and one example with its caption. */
const tldrPage = (title: string, summary: string, caption: string, command: string) =>
  `# ${title}\n\n> ${summary}\n\n- ${caption}\n\n\`${command}\`\n`;

const top = (index: KnowledgeIndex, q: string) => {
  const r = index.ask(q).response;
  return r.found ? r.results[0]?.path.at(-1) : null;
};

const workloads = folder({
  "workloads.md": `# ワークロード

## ReplicaSet

ReplicaSet は同じ Pod を指定した数だけ動かし続けるリソースです。

### ReplicaSet のスケール

レプリカ数を変えると Pod が増減します。

## Deployment

Deployment は ReplicaSet を管理し、ローリングアップデートを行います。

### ロールバック

以前のリビジョンに戻すには次のコマンドを使います。

\`\`\`
kubectl rollout undo deployment/web
\`\`\`

### maxSurge

ローリングアップデート中に、希望する数を超えて作れる Pod の数です。

## Service

### Cluster IP

クラスタ内部だけから届く仮想 IP を Service に割り当てます。

### ヘッドレス Service

仮想 IP を持たない Service です。Pod の DNS 名を直接返します。

## サーバーの準備

ノードにするサーバーを用意して、ログを送る設定をします。ログは毎日送る。
`,
});

describe("retrieval that does not depend on one note", () => {
  it("prefers the precise subsection over its parent", () => {
    expect(top(workloads, "maxSurge って何")).toBe("maxSurge");
    expect(top(workloads, "Deployment をロールバックするには")).toBe("ロールバック");
  });

  it("reads a misspelled word as the notes' word and says so", () => {
    const outcome = workloads.ask("replcaset って何");
    expect(outcome.response.found).toBe(true);
    expect(outcome.response.results[0]?.path.at(-1)).toBe("ReplicaSet");
    expect(outcome.readings).toEqual([{ typed: "replcaset", read: "ReplicaSet" }]);
    expect(top(workloads, "deploymnet のロールバック")).toBe("ロールバック");
  });

  it("shows the notes' word as read, not the Japanese written on after it without a space", () => {
    const notes = folder({
      "ops.md":
        "# 運用\n\n## 更新\n\nmaxSurgeを大きくすると更新が速くなる。名前空間を分けると権限も分けられる。\n",
    });
    expect(notes.ask("maxsruge を大きくすると？").readings).toEqual([
      { typed: "maxsruge", read: "maxSurge" },
    ]);
    expect(notes.ask("名前空観を分けたい").readings).toEqual([{ typed: "名前空観", read: "名前空間" }]);
  });

  it("treats notation variants as the same word", () => {
    expect(top(workloads, "ClusterIP とは")).toBe("Cluster IP");
    expect(top(workloads, "サーバの準備")).toBe("サーバーの準備");
    expect(top(workloads, "ＲｅｐｌｉｃａＳｅｔ とは")).toBe("ReplicaSet");
    // A notation variant is not a typo: no "Read `clusterip` as …" for the notes' own "Cluster IP".
    expect(workloads.ask("ClusterIP とは").readings).toBeUndefined();
  });

  it("matches a verb in any inflection to the notes' form", () => {
    expect(top(workloads, "ログを送りたい")).toBe("サーバーの準備");
  });

  it("reads everyday words for tidying up as the notes' words for deleting in bulk", () => {
    const notes = folder({
      "docker.md":
        "# 起動\n\nコンテナを起動します。\n\n# 一括破棄\n\n使用していないコンテナを一括で削除します。\n\n# ログ\n\nログを確認します。\n",
    });
    expect(top(notes, "コンテナを丸ごと掃除したい")).toBe("一括破棄");
    expect(top(notes, "古いコンテナを片付けたい")).toBe("一括破棄");
  });

  it("reads X直す as doing X again (再), and a compound verb the segmenter cut in two as the table's verb", () => {
    const notes = folder({
      "docker.md":
        "# 起動\n\nコンテナを起動します。\n\n# 再起動\n\nコンテナを再起動します。\n\n# 修正\n\nバグの直し方のメモ。\n",
    });
    expect(top(notes, "コンテナを起動し直したい")).toBe("再起動");
    expect(top(notes, "コンテナを立ち上げ直したい")).toBe("再起動");
    expect(top(notes, "コンテナを立ち上げたい")).toBe("起動");
    // A noun before 直す is something to fix, not a verb to do again.
    expect(top(notes, "バグの文字化け直したい")).not.toBe("再起動");
  });

  it("answers an English question from Japanese notes through their katakana words", () => {
    expect(top(workloads, "what is a headless service")).toBe("ヘッドレス Service");
    expect(top(workloads, "how do I roll back a deployment")).toBe("ロールバック");
  });

  it("meets an English word no other reading finds through its usual Japanese word, without lightening it", () => {
    const notes = folder({
      "docker.md": `# Docker

## Docker の利点

Dockerfile に構成を書くので、同じ環境を何度でも再現できます。

## ログ

コンテナのログは標準出力に送信されます。
`,
    });
    expect(top(notes, "why is a docker environment easy to reproduce")).toBe("Docker の利点");
    // push's usual word (送信) is in the notes, but push still weighs as a word they lack.
    expect(notes.ask("how do I push my image to the registry").response.found).toBe(false);
    // Nor a word most pages hold (confirm → 確認, procedure → 手順): a Terraform question stays declined.
    const ops = folder({
      "ops.md":
        "# 運用\n\n## デプロイ手順\n\n手順どおりに設定を確認してからデプロイします。\n\n## ログ\n\nログは標準出力に出ます。\n",
    });
    expect(ops.ask("procedure to confirm a terraform state").response.found).toBe(false);
    // An everyday word ("what is that *called*") is phrasing, not translated: 呼び出し covers nothing.
    const calls = analyzer({
      "api.md":
        "# API\n\n## 呼び出し\n\nAPI の呼び出しには認証が要ります。\n\n## 認証\n\nトークンで認証します。\n",
    }).groups("what is that token thing called");
    expect(calls.find((g) => g.typed === "call")?.alternatives.flat()).not.toContain("呼び出し");
  });

  it("answers a difference of two things each under its own heading from both sections", () => {
    const services = folder({
      "service.md": `# Service

## ClusterIP Service

クラスタ内部の IP アドレスだけに公開する Service。

## NodePort Service

各ノードのポートで外部に公開する Service。

## Dockerfile

COPY はファイルをイメージに入れる命令。
`,
    });
    const outcome = services.ask("ClusterIP と NodePort の違い");
    const r = outcome.response;
    expect(r.found).toBe(true);
    // What the two cover together, not the best one's share alone.
    expect(outcome.coverage).toBeGreaterThanOrEqual(FOUND_COVERAGE);
    expect(r.results.slice(0, 2).map((x) => x.path.at(-1))).toEqual(
      expect.arrayContaining(["ClusterIP Service", "NodePort Service"]),
    );
    // A side the folder names only as an everyday word ("add") is no side it describes.
    expect(services.ask("Dockerfile の ADD と COPY の違い").response.found).toBe(false);
  });

  it("says the notes do not cover a question about something they never name", () => {
    expect(workloads.ask("StatefulSet の使い方").response.found).toBe(false);
    expect(workloads.ask("how do I install Helm").response.found).toBe(false);
  });
});

describe("docs sites and several languages in one folder", () => {
  const docs = folder({
    "content/ja/pod.md":
      "---\ntitle: Pod\ncontent_type: concept\nweight: 10\n---\n\nPod は Kubernetes でデプロイできる最小の単位です。1 つ以上のコンテナをまとめます。\n\n## Pod の作成\n\nマニフェストを kubectl apply で適用して Pod を作ります。\n",
    "content/en/pod.md":
      "---\ntitle: Pod\ncontent_type: concept\nweight: 10\n---\n\nA Pod is the smallest unit you can deploy in Kubernetes. It groups one or more containers.\n\n## Creating a Pod\n\nApply a manifest with kubectl apply to create a Pod.\n",
  });

  it("answers a definition from the page's own intro, never from front matter", () => {
    const r = docs.ask("Pod とは何ですか").response;
    expect(r.found).toBe(true);
    expect(r.results[0]?.path).toEqual(["Pod"]);
    for (const res of r.results) expect(res.path.join(" ")).not.toMatch(/content_type|weight/);
  });

  it("answers from the copy in the question's language, one copy per page", () => {
    const ja = docs.ask("Pod を作成するには").response;
    expect(ja.results[0]?.source).toContain("content/ja/");
    const en = docs.ask("how do I create a pod").response;
    expect(en.results[0]?.source).toContain("content/en/");
    const sections = en.results.slice(0, 3).map((r) => r.path.join(" › "));
    expect(new Set(sections).size).toBe(sections.length);
    expect(en.results.slice(0, 3).every((r) => r.source.includes("content/en/"))).toBe(true);
  });
});

describe("a question that negates is answered by the heading that negates", () => {
  // Twins that share every word but the negation: only "no"/"not"/"なし" tells them apart.
  const services = folder({
    "service.md": `# Service

## Services with selectors

A Service that has a selector finds its Pods by their labels.

## Services without selectors

A Service that has no selector finds no Pods by labels; you list its endpoints yourself.

## セレクターありの Service

セレクターがある Service はラベルで Pod を見つけます。

## セレクターなしの Service

セレクターがない Service はラベルで Pod を見つけません。
`,
  });

  it("finds the twin that negates for a question that negates, and the other one otherwise", () => {
    expect(top(services, "can I create a service that has no selector")).toBe("Services without selectors");
    expect(top(services, "how does a service with a selector find its pods")).toBe("Services with selectors");
    expect(top(services, "セレクターのない Service")).toBe("セレクターなしの Service");
  });

  it("reads negations and exclusions in English and Japanese", () => {
    for (const text of [
      "Services without selectors",
      "not in a namespace",
      "isn't ready",
      "属していない",
      "以外",
      "なし",
    ])
      expect(negates(text), text).toBe(true);
    for (const text of ["With selectors", "Namespaces", "Node", "セレクターあり"])
      expect(negates(text), text).toBe(false);
  });
});

describe("a question that restricts to one thing is answered by the heading that restricts", () => {
  // Siblings about deleting: one deletes the ReplicaSet and its Pods, the other the ReplicaSet only.
  const deletion = folder({
    "replicaset.md": `# ReplicaSet

## ReplicaSetとPodの削除

ReplicaSet を削除すると、その Pod も削除されます。

## ReplicaSetのみを削除する

Pod に影響を与えずに ReplicaSet を削除できます。ReplicaSet を削除しても Pod はそのまま動き続けます。--cascade=orphan を付けて削除します。
`,
  });

  it("finds the heading that says のみ for a question that says だけ or only", () => {
    expect(top(deletion, "ReplicaSet だけ削除したい")).toBe("ReplicaSetのみを削除する");
    expect(top(deletion, "delete only the replicaset, not its pods")).toBe("ReplicaSetのみを削除する");
    expect(top(deletion, "ReplicaSet を Pod ごと削除したい")).toBe("ReplicaSetとPodの削除");
  });

  it("reads only, だけ and のみ, not だけど nor a count", () => {
    for (const text of ["delete only the ReplicaSet", "ReplicaSetだけ", "ReplicaSetのみを削除する"])
      expect(restricts(text), text).toBe(true);
    for (const text of ["消したいんだけど", "1回だけ実行する", "一度だけ", "Deleting a ReplicaSet"])
      expect(restricts(text), text).toBe(false);
  });
});

describe("a heading that is a command's name", () => {
  it("is a tool, or a tool and one subcommand, in lower case", () => {
    for (const h of ["kubectl", "docker container", "helm install", "docker-compose up"])
      expect(isCommandHeading(h), h).toBe(true);
    for (const h of ["docker container ls -a", "Docker", "How to deploy", "ReplicaSetのみを削除する", ""])
      expect(isCommandHeading(h), h).toBe(false);
  });
});

describe("a katakana loanword the vocabulary translates", () => {
  it("meets the English word the vocabulary gives, not others with its consonants", () => {
    const a = analyzer({
      "en.md": "# Clients\n\nA client sends requests.\n\n# Status\n\nThe CURRENT column counts pods.\n",
      "ja.md": "# クライアント\n\nリクエストを送る側です。\n",
    });
    const client = a.groups("同じクライアントから送りたい").find((g) => g.typed === "クライアント");
    const words = client?.alternatives.flat() ?? [];
    expect(words).toContain("client");
    expect(words).not.toContain("current");
  });
});

describe("a definition question and the section that glosses its subject", () => {
  const components = folder({
    "components.md": `# Components

## Node components

Every node runs these.

kubelet
: The agent that makes sure the containers of each Pod are running.

kube-proxy
: Keeps the network rules of the node.
`,
    "static.md": `# Static Pods

kubelet manages static Pods directly, without the API server; kubelet watches a folder of manifests.

kubelet restarts a static Pod when it fails.
`,
  });

  it("'what does kubelet do' answers from the glossary entry, not from the page that names it most", () => {
    expect(top(components, "what is kubelet")).toBe("Node components");
  });
});

describe("a heading asked as a question names its subject", () => {
  it("reads 'Podとは何か？' and 'What is a Pod?' as the heading 'Pod'", () => {
    for (const h of ["Podとは何か？", "What is a Pod?", "Pod とは", "Pod"])
      expect(bareHeading(h), h).toBe("pod");
    expect(bareHeading("Podのテンプレート")).not.toBe("pod");
  });
});

describe("a short word one letter away from the folder's is a word of its own", () => {
  const images = folder({
    "image.md": `# Images

## Tag an image

Give an image another name with docker image tag; untag it with docker image rm.

## Remove an image

Delete an image you no longer use.
`,
  });

  it("does not read 'untar' as 'untag', and says the folder does not cover it", () => {
    const outcome = images.ask("how do I untar a tar.gz file");
    expect(outcome.response.found).toBe(false);
    // Read as "untag", the tagging section would come close enough to be suggested.
    expect(outcome.response.suggestions).not.toContain("Tag an image");
  });

  it("takes 確認 and 調べ for verbs of looking, not the action a how-to asks for", () => {
    const sql = analyzer({
      "sql.md":
        "# SQL\n\n## EXPLAIN で実行計画を見る\n\nインデックスが使われているかは EXPLAIN で確認する。\n\n## インデックスを貼る\n\nCREATE INDEX で作る。\n",
    });
    for (const q of ["インデックスが効いてるか確認する方法", "インデックスが使われているか調べたい"])
      expect(sql.groups(q).some((g) => g.action)).toBe(false);
  });

  it("reads an acronym typed as one (IaC, SLO) as the heading words it abbreviates, not a lower-case word", () => {
    const ops = folder({
      "ops.md": `# Operations

## Service Level Objectives

Each service keeps 99.9 % of requests under 300 ms over thirty days.

## Infrastructure as code

Servers are described in files kept in the repository.

## Create Deployment

Write the manifest and apply it.
`,
    });
    expect(top(ops, "what are our SLOs")).toBe("Service Level Objectives");
    expect(top(ops, "IaC って何")).toBe("Infrastructure as code");
    // cd is a shell command typed in lower case, not the initials of "Create Deployment".
    expect(ops.ask("what does cd do").response.found).toBe(false);
  });

  it("reads a typo of a function word as that word, never as a topic ('wich', 'shoud'), but not a changed letter", () => {
    const typed = (q: string) =>
      analyzer({ "image.md": "# Images\n\nTag an image with docker image tag.\n" })
        .groups(q)
        .map((g) => g.typed);
    expect(typed("wich command tags an image")).not.toContain("wich");
    expect(typed("how shoud I tag an imgae")).not.toContain("shoud");
    // A word of its own one letter from a function word is not a typo of it (cold/could, three/there).
    expect(typed("how to avoid a cold start")).toContain("cold");
    expect(typed("three replicas of the image")).toContain("three");
    // shell is one changed letter from shall, world from would: words of their own.
    expect(typed("open a shell in the world")).toEqual(expect.arrayContaining(["shell", "world"]));
  });

  it("still reads a swap in a short word ('imgae') and a dropped letter in a long one", () => {
    const [reading] = images.ask("imgae tag").readings ?? [];
    expect(reading?.typed).toBe("imgae");
    expect(reading?.read.toLowerCase()).toMatch(/^image/);
    expect(top(images, "how do I remov an image")).toBe("Remove an image");
  });
});

describe("an everyday word the folder never uses is phrasing, a missing name is a topic", () => {
  const run = folder({
    "run.md": `# docker run

## Set the pull policy

Pull the image before the container is started, even when a copy exists locally: --pull always.

## Restart policies

Restart the container when it exits with --restart on-failure.
`,
  });

  it("knows everyday English (with comparative and superlative forms) from names and terms", () => {
    for (const w of ["throw", "play", "raise", "newest", "quickly", "actually", "recently"])
      expect(isFamiliarEnglish(w), w).toBe(true);
    // An -able adjective of an everyday verb, negated or not; everyday adverbs the fourth-grade list lacks.
    for (const w of ["readable", "unreadable", "manually", "randomly"])
      expect(isFamiliarEnglish(w), w).toBe(true);
    // Not a word that merely ends in -able, nor an un- verb.
    for (const w of ["cable", "uninstall", "untag"]) expect(isFamiliarEnglish(w), w).toBe(false);
    for (const w of [
      "container",
      "helm",
      "kubelet",
      "ulimit",
      "cluster",
      "volume",
      "docker",
      "server",
      "layer",
      "builder",
    ])
      expect(isFamiliarEnglish(w), w).toBe(false);
  });

  it("answers a question whose only missing word is everyday English", () => {
    expect(top(run, "always pull the newest image before starting the container")).toBe(
      "Set the pull policy",
    );
  });

  it("lets no everyday word an English folder uses once or twice weigh as its topic ('night')", () => {
    const notes = {
      "logs.md": `# Logs

The service writes JSON lines; jest prints its own. Logs are rotated every night.

## Reading logs locally

Pipe the output through pino-pretty.
`,
      "deploy.md": "# Deploys\n\nA deploy copies the build to the servers and restarts them.\n",
    };
    const weights = (q: string) => {
      const groups = analyzer(notes).groups(q);
      return Object.fromEntries(groups.map((g) => [g.typed, g.weight]));
    };
    const w = weights("run jest tests at night");
    expect(w.night).toBeLessThanOrEqual((w.jest ?? 0) * 0.5 + 1e-9);
    // Over a Japanese folder, English words are terms: nothing is capped.
    const ja = analyzer({
      "memo.md": "# テストのメモ\n\nnight に jest を動かすときのメモです。テストは毎日動かします。\n",
      "deploy.md": "# デプロイ\n\nビルドをサーバーにコピーして再起動します。\n",
    }).groups("run jest tests at night");
    const jaWeights = Object.fromEntries(ja.map((g) => [g.typed, g.weight]));
    expect(jaWeights.night).toBeGreaterThan((jaWeights.jest ?? 0) * 0.5);
    // A folder of both languages: an English question is asked of its English pages, and capped as there.
    const both = analyzer({
      ...notes,
      "memo.md": "# メモ\n\nnight に jest を動かすときのメモです。\n",
    });
    const bothWeights = Object.fromEntries(
      both.groups("run jest tests at night").map((g) => [g.typed, g.weight]),
    );
    expect(bothWeights.night).toBeLessThanOrEqual((bothWeights.jest ?? 0) * 0.5 + 1e-9);
    // … but not a question with Japanese in it.
    const mixed = Object.fromEntries(
      both.groups("jest を night に動かしたい").map((g) => [g.typed, g.weight]),
    );
    expect(mixed.night).toBeGreaterThan((mixed.jest ?? 0) * 0.5);
  });

  it("reads the abbreviations people type (prod, perf) as the words notes write, and a unit as phrasing", () => {
    const ops = folder({
      "redis.md": `# Redis

## Never run KEYS in production

KEYS walks every key and blocks the server; use SCAN with a MATCH pattern instead.

## Performance tuning

Watch the slow log before changing maxmemory.
`,
      "nginx.md": "# Nginx\n\n## Uploads\n\nRaise client_max_body_size when uploads fail with 413.\n",
    });
    expect(top(ops, "why is KEYS bad on prod redis")).toBe("Never run KEYS in production");
    expect(top(ops, "redis perf tuning tips")).toBe("Performance tuning");
    expect(top(ops, "uploads over 10 MB fail with a 413")).toBe("Uploads");
  });

  it("lets no everyday word the folder lacks outweigh the question's topic ('in one sentence')", () => {
    expect(top(workloads, "ReplicaSet in one sentence")).toBe("ReplicaSet");
  });

  it("does not answer a how-to from a section that holds only its verb", () => {
    // "install" is in the notes; charts are not (an everyday word, so it alone would not say "not covered").
    const notes = folder({
      "setup.md": "# Setup\n\n## Install Docker\n\nInstall Docker Engine with the package manager.\n",
    });
    expect(notes.ask("how do I install a chart").response.found).toBe(false);
    expect(top(notes, "how do I install Docker")).toBe("Install Docker");
  });

  it("does not answer from a loanword that only sounds like the question's everyday words", () => {
    const notes = folder({ "rollback.md": "# ロールバック\n\n前のリビジョンにバックします。\n" });
    expect(notes.ask("how do I bake a cake").response.found).toBe(false);
  });

  it("takes a capitalised everyday word for a name ('a Kubernetes Job')", () => {
    const notes = folder({
      "k8s.md":
        "# Kubernetes\n\nKubernetes runs containers on a cluster of machines and keeps them running.\n",
    });
    expect(notes.ask("what is a Kubernetes Job").response.found).toBe(false);
    expect(notes.ask("what is a kubernetes job").response.found).toBe(true);
  });

  it("does not read an English word spelled right as a typo (ALTER is not 'later', timer not 'time')", () => {
    const notes = folder({
      "users.md":
        "# Users\n\n## Passwords\n\nEach user sets a new password later, when they first log in.\n\n## Jobs\n\nRun the job at a fixed time with cron.\n",
    });
    const readAs = (q: string) => (notes.ask(q).readings ?? []).map((r) => r.read);
    expect(readAs("change a user's password with ALTER USER")).toEqual([]);
    expect(notes.ask("run the job with a systemd timer").readings).toBeUndefined();
    // A misspelling is still read as the folder's word.
    expect(readAs("change a user's pasword").map((r) => r.toLowerCase())).toContain("passwords");
    expect(isEnglishWord("timer")).toBe(true);
    expect(isEnglishWord("deploymnet")).toBe(false);
  });

  it("does not answer a how-to asked of one tool with a section of another tool's lines", () => {
    const notes = folder({
      "notes.md":
        "# Docker\n\n## Docker とは\n\nDocker はコンテナを動かす仕組みです。docker のイメージからコンテナを作ります。\n\n## 起動\n\ndocker でコンテナを起動するときは次のコマンドを使います。\n\n```\n$ docker container run -d web\n```\n\n## 停止\n\ndocker でコンテナを止めるときは次のコマンドを使います。\n\n```\n$ docker container stop web\n```\n\n# Kubernetes\n\n## Pod\n\nPod の中のコンテナのログを見るには次のコマンドを使います。\n\n```\n$ kubectl logs -f web\n```\n\n## Deployment\n\nDeployment は Pod の数を保ちます。\n",
    });
    expect(notes.ask("docker のコンテナのログを見るコマンドは？").response.found).toBe(false);
    expect(notes.ask("docker でコンテナのログを見たい").response.found).toBe(false);
    // Asked of no tool, or of the tool the section shows, it answers.
    expect(top(notes, "Pod のコンテナのログを見たい")).toBe("Pod");
    expect(top(notes, "kubectl でコンテナのログを見たい")).toBe("Pod");
    expect(top(notes, "docker でコンテナを止めたい")).toBe("停止");
  });

  it("keeps the weight of an everyday word typed as a subcommand (docker trust)", () => {
    const notes = folder({
      "images.md":
        "# Images\n\n## Sign an image\n\nSign the image with docker image sign.\n\n```\n$ docker image ls\n```\n",
    });
    expect(notes.ask("docker trust an image").response.found).toBe(false);
    expect(top(notes, "sign an image with docker")).toBe("Sign an image");
  });
});

describe("English as typed: the typo in the typed word, irregular verbs, commands the folder never uses", () => {
  const build = folder({
    "build.md": `# build

## Set type of progress output

Choose how the progress of a build is printed: plain shows every step's output.

## Push the build result

Send the image to a registry when the build is done.

\`\`\`
$ docker buildx build --push -t <image> .
\`\`\`

## Host access for RUN steps

Give the RUN steps of a docker build the host's network, so that they can create files on a network share.
`,
  });

  it("reads a typo by the word typed, not by its stem ('progres' → progress)", () => {
    const outcome = build.ask("show plain progres output");
    expect(outcome.response.results[0]?.path.at(-1)).toBe("Set type of progress output");
    expect(outcome.readings?.[0]?.typed).toBe("progres");
  });

  it("reads an irregular past form as its verb ('built' → build)", () => {
    const groups = build.ask("push the image once it is built").spellings ?? [];
    expect(groups.some((alts) => alts.some((a) => a.join(" ") === "build"))).toBe(true);
  });

  it("reads a rerun by its irregular past ('reran') and a kernel that dies as one 'dying'", () => {
    const runbook = folder({
      "runbook.md": `# Runbook

## Duplicate rows after a rerun

A load that appends instead of replacing leaves every row twice. Delete the extra copies by id.

## Kernel keeps dying

Almost always memory: read fewer columns.

## Picking a kernel

Choose the kernel of the project's environment from the kernel menu; each kernel has its own packages.

## Loading a dataframe

Read the table into a dataframe with the client library, then work on it locally.
`,
    });
    const groups = runbook.ask("someone reran the orders load").spellings ?? [];
    expect(groups.some((alts) => alts.some((a) => a.join(" ") === "rerun"))).toBe(true);
    expect(top(runbook, "why does my kernel die")).toBe("Kernel keeps dying");
  });

  it("does not answer a docker command group the folder names only in prose", () => {
    // "network" is a word of one section's prose, no heading names it, and no `docker network …` line exists.
    expect(build.ask("create a docker network").response.found).toBe(false);
    expect(build.ask("create a docker network").response.suggestions).toContain("docker buildx build");
  });
});

describe("typo readings that would change the question", () => {
  const pods = folder({
    "pods.md": `# Pod

## Pod の確認

Pod の一覧は kubectl get pods で確認します。使用するイメージも表示されます。

## ExternalName

外部の DNS 名を返す Service です。
`,
  });

  it("does not read a kanji word as one with a character less (使用率 is not 使用)", () => {
    expect(pods.ask("Pod の CPU 使用率を確認したい").readings ?? []).toEqual([]);
  });

  it("reads two words as one compound only when the reading keeps both ('exteranl name', not 'whether am')", () => {
    expect(pods.ask("exteranl name service").readings?.[0]?.read.toLowerCase()).toBe("externalname");
    // "helo world" is not read as one word of the folder with "world" dropped.
    expect(pods.ask("helo world pods").readings?.some((r) => r.typed.includes("world")) ?? false).toBe(false);
  });
});

describe("a Japanese verb the segmenter cuts, in any inflection, meets the notes' words for it", () => {
  const rs = folder({
    "rs.md": `# ReplicaSet

## ReplicaSetの更新

ReplicaSet の Pod テンプレートを変えても、動いている Pod 数は変わりません。

## ReplicaSetのスケーリング

replicas フィールドを変えるとスケールアップやスケールダウンができます。
`,
  });
  const spellings = (q: string) => (rs.ask(q).spellings ?? []).flat().map((a) => a.join("+"));

  it("reads 外|し|たい as 外す (分離), a verb of one kanji and one kana", () => {
    expect(spellings("Pod を ReplicaSet から外したい")).toContain("分離");
  });

  it("reads 増|や|したい as 増やす (scaling), and 減らし as 減らす", () => {
    expect(spellings("ReplicaSet の Pod 数を増やしたい")).toContain("スケーリング");
    expect(spellings("ReplicaSet の Pod を減らしたい")).toContain("スケーリング");
    expect(rs.ask("ReplicaSet の Pod を減らしたい").response.results.map((r) => r.title)).toContain(
      "ReplicaSetのスケーリング",
    );
  });

  it("meets the notes' 戻|した|い (indexed as 戻) with a question's 戻せる, by its kanji", () => {
    const tables = folder({
      "tables.md": `# テーブル

## 消してしまったデータを戻したい

7日以内ならスナップショットから復元できる。

## テーブルのコピー

別のデータセットにコピーしておくと安心。
`,
    });
    expect(
      (tables.ask("消したテーブル、元に戻せる？").spellings?.flat() ?? []).map((a) => a.join("+")),
    ).toContain("戻");
    expect(top(tables, "消したテーブル、元に戻せる？")).toBe("消してしまったデータを戻したい");
  });
});

describe("a camelCase name meets the same words spaced in a heading", () => {
  const deploy = folder({
    "deploy.md": `# Deployment

## Deployment の更新

テンプレートを変えると Pod が順に入れ替わります。

## Min Ready Seconds

新しい Pod が利用可能とみなされるまで待つ秒数です。
`,
  });

  it("reads minReadySeconds as 'Min Ready Seconds'", () => {
    expect(top(deploy, "what does minReadySeconds do")).toBe("Min Ready Seconds");
  });
});

describe("flags typed apart stay flags", () => {
  const opts = folder({
    "options.md":
      "# Options\n\n## Interactive\n\n`-i` keeps standard input open; `-t` gives the container a terminal. Use it with docker run.\n",
  });

  it("reads '-i と -t' as the flags -i and -t, not the word 'it'", () => {
    const spellings = (opts.ask("-i と -t を一緒に付けるのはなぜ？").spellings ?? []).map((alts) =>
      alts.map((a) => a.join("+")),
    );
    expect(spellings).toContainEqual(["i"]);
    expect(spellings.flat()).not.toContain("it");
  });
});

describe("a verb cut after its kanji, and a typo of an everyday word", () => {
  const vault = folder({
    "shell.md": `# シェルのメモ

## find で設定ファイルを探す

\`\`\`bash
# 名前で探す
find /etc -name "*.conf"
\`\`\`

## プロセスが動く仕組み

fork と exec で子プロセスが生まれる。
`,
    "git.md": `# Git メモ

## 作業中の変更を一時退避 (stash)

\`\`\`bash
git stash
git stash pop
\`\`\`

## ブランチを作る

\`\`\`bash
git switch -c feature
\`\`\`
`,
  });
  const spellings = (q: string) => (vault.ask(q).spellings ?? []).flat().map((a) => a.join("+"));

  it("reads 探|し|たい as the notes' 探す, and 動|か|ない as a verb, but not 行を", () => {
    expect(spellings("設定ファイルを名前で探したい")).toContain("探~");
    expect(top(vault, "設定ファイルを名前で探したい")).toBe("find で設定ファイルを探す");
    expect(spellings("子プロセスが動かない")).toContain("動~");
    expect(spellings("行を数えたい")).not.toContain("行~");
  });

  it("reads a swap in an everyday word as that word, in the notes' language ('chnages' → 変更)", () => {
    const asked = vault.ask("can I put my chnages aside with stash");
    expect(asked.response.results[0]?.path.at(-1)).toBe("作業中の変更を一時退避 (stash)");
    expect(JSON.stringify(asked.readings)).toContain("chnages");
  });

  const iac = folder({
    "terraform.md": `# Terraform

HashiCorp が開発した、インフラをコードで書くためのツール。

## state

実際のリソースとコードの対応を記録するファイル。
`,
  });

  it("lets no kanji word Japanese notes never use outweigh the question's topic (会社)", () => {
    expect(top(iac, "Terraform ってどこの会社が開発したツール？")).toBe("Terraform");
    // One word the notes have and one they lack is a question about the other thing.
    expect(top(iac, "Terraform の歴史")).toBeNull();
    // Only words the notes lack around a topic they have: still not covered.
    expect(top(iac, "Terraform の開発元の会社の本社はどこ")).toBeNull();
  });

  it("meets k8s as Kubernetes", () => {
    const k8s = folder({
      "k8s.md": "# Kubernetes\n\nコンテナを束ねて動かす仕組み。\n\n## Pod\n\nコンテナの単位。\n",
    });
    expect(top(k8s, "k8s って何？")).toBe("Kubernetes");
  });

  it("meets 'remove' and the notes' 削除 from 'removed', without calling it a typo, and only then", () => {
    const images = folder({
      "images.md": `# イメージ

## 使っていないイメージの掃除

タグのないイメージを削除する (remove)。

## Control plane

クラスタを管理する部分。
`,
    });
    const asked = images.ask("which images get removed by the cleanup");
    expect(asked.response.results[0]?.path.at(-1)).toBe("使っていないイメージの掃除");
    expect((asked.spellings ?? []).flat().map((a) => a.join("+"))).toEqual(
      expect.arrayContaining(["remove", "削除"]),
    );
    expect(asked.readings ?? []).toEqual([]);
    // "plan" was never cut from "plane": it is not read as it.
    expect((images.ask("how do I make a plan").spellings ?? []).flat().map((a) => a.join("+"))).not.toContain(
      "plane",
    );
  });

  it("does not read an everyday word spelled right as a typo of the folder's ('add' is not 'addr')", () => {
    const proxy = folder({
      "nginx.md": `# Nginx

## Rate limiting

\`\`\`nginx
limit_req_zone $binary_remote_addr zone=api:10m rate=10r/s;
\`\`\`
`,
    });
    expect(proxy.ask("how do I add rate limiting").readings ?? []).toEqual([]);
  });

  it("does not read a real word the everyday list lacks as a shorter one ('solve' is not 'sole')", () => {
    expect(familiarTypo("chnages")).toBe("change");
    expect(familiarTypo("solve")).toBeNull();
    // Not a letter dropped or added, even in a long word: these are words of their own.
    for (const w of ["policies", "handlers", "receiver", "discovery", "sharding"])
      expect(familiarTypo(w), w).toBeNull();
    expect(familiarTypo("kubectl")).toBeNull();
  });
});

describe("a command line of a tool the command reference does not know", () => {
  const pages = folder({
    "helm-install.md":
      "# helm install\n\n> Install a Helm chart.\n\n- Install a chart with values:\n\n`helm install {{name}} {{repo}}/{{chart}} -f {{values.yaml}}`\n",
    "helm.md":
      "# helm\n\n> The usual package manager of Kubernetes.\n\n- Create a chart:\n\n`helm create {{name}}`\n",
  });

  it("is explained from the page of its command, whatever values it was typed with", () => {
    const r = pages.explain("helm install myapp bitnami/nginx -f values.yaml").response;
    expect(r.found).toBe(true);
    expect(r.results[0]?.path.at(-1)).toBe("helm install");
    expect(r.query).toBe("helm install myapp bitnami/nginx -f values.yaml");
  });

  it("is not covered when no section names its command", () => {
    expect(pages.explain("helm upgrade myapp ./chart --install").response.found).toBe(false);
  });
});

describe("a long question is not declined for the situation it describes", () => {
  it("asks less of a long question's words, down to a floor", () => {
    expect(foundCoverage(3)).toBe(FOUND_COVERAGE);
    expect(foundCoverage(LONG_QUESTION.words)).toBe(FOUND_COVERAGE);
    expect(foundCoverage(LONG_QUESTION.words + 2)).toBeCloseTo(FOUND_COVERAGE - 2 * LONG_QUESTION.step);
    expect(foundCoverage(40)).toBe(LONG_QUESTION.floor);
  });

  const ops = folder({
    "ops.md": `# Operations

## Duplicate rows after a rerun

A load that appended instead of replacing makes every order show up two times in the table. Find the
duplicates by order id, delete them, then load again with replace.

## Backfills

Run the loader for each day of the range, oldest first. Someone on call checks the counts now and then.
`,
  });

  it("answers a long question whose situation words no section holds, and still declines a short one", () => {
    // The section holds rerun, order, load, every, up but not someone, now or twice: 60 % of the question, under
    // FOUND_COVERAGE but enough for a question of eight words.
    expect(top(ops, "someone reran the orders load and now every order shows up twice, what do I do")).toBe(
      "Duplicate rows after a rerun",
    );
    expect(ops.ask("rerun a dbt model").response.found).toBe(false);
  });
});

describe("a Japanese question over a folder's English pages", () => {
  const dbt = folder({
    "dbt.md": `# dbt

## Seeing the rows that failed

Add --store-failures and dbt keeps every failing row in a table of its own.

## Warn instead of fail

Set severity: warn for checks we only watch.
`,
    "memo.md": "# メモ\n\ndbt のモデルは毎朝動く。\n",
  });

  it("reads a word the folder writes only in English by the vocabulary (行 → row)", () => {
    expect(
      (dbt.ask("dbt test で fail した行を見たい").spellings?.flat() ?? []).map((a) => a.join("+")),
    ).toContain("row");
    expect(top(dbt, "dbt test で fail した行を見たい")).toBe("Seeing the rows that failed");
  });
});

describe("a Japanese word the folder writes in other words, by Sudachi's synonym dictionary", () => {
  const deploy = folder({
    "deploy.md": `# デプロイ

## 超過できる数

ローリングアップデートで理想状態を超えて作成できる最大限のPod数を指定します。

## 停止できる数

更新中に利用できなくなるPodの数を指定します。
`,
  });

  it("meets 上限 as the folder's 最大限", () => {
    expect(
      (deploy.ask("ローリングアップデートで増やせる Pod の上限").spellings?.flat() ?? []).map((a) =>
        a.join("+"),
      ),
    ).toContain("最大限");
    expect(top(deploy, "ローリングアップデートで増やせる Pod の上限")).toBe("超過できる数");
  });

  const tldr = folder({
    "kubectl-drain.md": tldrPage(
      "kubectl drain",
      "Evict all pods from a node before maintenance.",
      "Drain a node:",
      "kubectl drain {{node_name}}",
    ),
    "kubectl-cordon.md": tldrPage(
      "kubectl cordon",
      "Mark a node as unschedulable, so that no new pod lands on it.",
      "Cordon a node:",
      "kubectl cordon {{node_name}}",
    ),
  });

  it("weighs a word the folder holds by its own forms, not by a commoner synonym", () => {
    const a = analyzer({
      "params.md": `# 設定\n\n## 変数\n\n変数を一つ決める。\n\n${Array.from({ length: 8 }, (_, i) => `## 項目 ${i}\n\nparameter を渡す。\n`).join("\n")}`,
    });
    const b = analyzer({
      "params.md": `# 設定\n\n## 変数\n\n変数を一つ決める。\n\n${Array.from({ length: 8 }, (_, i) => `## 項目 ${i}\n\nargument を渡す。\n`).join("\n")}`,
    });
    const weight = (x: QueryAnalyzer) => x.groups("変数の決め方").find((g) => g.typed === "変数")?.weight;
    expect(weight(a)).toBeGreaterThan(0);
    expect(weight(a)).toBeCloseTo(weight(b) ?? 0);
  });

  it("does not read grammar or quantifiers in kana (すべて) with the dictionary", () => {
    const a = analyzer({ "all.md": "# 一覧\n\n全てのイメージを表示する。all images.\n" });
    const every = a.groups("すべてのイメージを見たい").find((g) => g.typed === "すべて");
    expect(every?.alternatives.flat() ?? []).not.toContain("all");
  });

  it("reads a Japanese short form over English pages (メンテ → maintenance)", () => {
    expect(top(tldr, "ノードをメンテしたい")).toBe("kubectl drain");
  });
});

describe("the verb of a how-to question", () => {
  // ReplicaSet, Pod and 消す in half the sections, 残す in two: rare, so its weight, doubled as the verb, would
  // be most of the question; capped, it is twice ReplicaSet's (still above its own undoubled weight).
  const rs = analyzer({
    "rs.md": `# ReplicaSet\n\n${Array.from({ length: 4 }, (_, i) => `## 操作 ${i}\n\nReplicaSet を消すと Pod も消えます。\n`).join("\n")}\n${Array.from({ length: 3 }, (_, i) => `## ノード ${i}\n\nノードの話。\n`).join("\n")}\n## 履歴\n\n古いリビジョンを残した。\n\n## 保存\n\n設定を残した。\n`,
  });

  it("weighs at most ACTION_CAP times the heaviest other word, however rare it is", () => {
    const groups = rs.groups("ReplicaSet の Pod を残したい");
    const action = groups.find((g) => g.action);
    expect(action?.typed).toBe("残");
    const heaviest = Math.max(
      ...groups.filter((g) => !g.action && g.alternatives.length > 0).map((g) => g.weight),
    );
    expect(action?.weight).toBeCloseTo(ACTION_CAP * heaviest);
  });

  it("is the first of two verbs when the last one's object is set against it with は", () => {
    // "Delete only the ReplicaSet, the Pods I want to keep": keeping is the condition, deleting the request.
    expect(actionWord("ReplicaSet だけ消して Pod は残したい")).toBe("消し");
    expect(actionWord("ReplicaSet を削除しても Pod は残したい")).toBe("削除");
    expect(actionWord("日付で分割したテーブルを作って、条件なしのクエリは禁止にしたい")).toBe("作");
    // One verb, or a first verb that is not in て-form: the last verb as before.
    expect(actionWord("Pod は残したい")).toBe("残");
    expect(actionWord("ジョブが落ちても他のジョブは最後まで止めたい")).toBe("止め");
  });

  it("keeps at least its own weight when the other words are in every section", () => {
    const everywhere = analyzer({
      "rs.md": `# ReplicaSet\n\n${Array.from({ length: 8 }, (_, i) => `## 操作 ${i}\n\nPod を消すと Pod が消えます。\n`).join("\n")}\n## 履歴\n\nPod を残した。\n`,
    });
    const groups = everywhere.groups("Pod を残したい");
    const verb = groups.find((g) => g.action);
    const pod = groups.find((g) => g.typed === "pod");
    expect(verb?.typed).toBe("残");
    expect(verb?.weight ?? 0).toBeGreaterThan(10 * (pod?.weight ?? 0));
  });

  it("is not read with the dictionary's synonyms when it is a Latin word", () => {
    // Sudachi's dictionary gives create 創造 and creation: 創造 is not how a how-to's action is meant.
    // (The folder's "creation" does meet it, as the same word's noun: see "another part of speech" below.)
    const a = analyzer({ "c.md": "# 創造\n\n創造には時間がかかる。\n" });
    const create = a.groups("how do I create a pod").find((g) => g.typed === "create");
    expect(create?.alternatives.flat()).not.toContain("創造");
  });
});

describe("a question that asks which thing does something", () => {
  // Both sections hold every word of the question; one is headed by a word of it.
  const k8s = folder({
    "k8s.md": `# Kubernetes

## Pod

Pod は同じ構成のコンテナをまとめて動かし続けるリソースです。

## ReplicaSet

同じ構成の Pod を指定した数だけ動かし続けるリソースです。
`,
  });

  it("is not answered by the section its own words head", () => {
    expect(asksWhichThing("同じ構成の Pod を3つ動かし続けるのに使うリソースは？")).toBe(true);
    expect(asksWhichThing("同じ構成の Pod を3つ動かし続けるリソース")).toBe(false);
    expect(asksWhichThing("ログを集約するツールは？")).toBe(true);
    // A definition says "…するリソース" too: that alone does not ask which thing.
    expect(asksWhichThing("ReplicaSet は Pod を管理するリソースですか")).toBe(false);
    expect(top(k8s, "同じ構成の Pod を3つ動かし続けるのに使うリソースは？")).toBe("ReplicaSet");
    // The same words, not asking which thing: the section headed by Pod.
    expect(top(k8s, "同じ構成の Pod を3つ動かし続けるリソース")).toBe("Pod");
  });
});

describe("the asker's own machine", () => {
  const cp = folder({
    "kubectl-cp.md": tldrPage(
      "kubectl cp",
      "Copy files and directories to and from containers.",
      "Copy a file from a pod to the local machine:",
      "kubectl cp {{pod_name}}:{{path}} {{local_path}}",
    ),
    "kubectl-logs.md": tldrPage(
      "kubectl logs",
      "Show the logs of a container in a pod.",
      "Follow the logs:",
      "kubectl logs -f {{pod_name}}",
    ),
  });

  it("is the docs' local machine, whether a laptop or a PC", () => {
    expect(top(cp, "copy a log file from a pod to my laptop")).toBe("kubectl cp");
    expect(top(cp, "Podの中のファイルを手元のPCにコピーしたい")).toBe("kubectl cp");
  });

  it("is, to a container, its host, in Japanese notes too (laptop, 手元 → ホスト, ローカル)", () => {
    const a = analyzer({ "d.md": "# cp\n\nコンテナとホストの間でファイルをコピーする。\n" });
    expect(
      a.groups("copy a file to my laptop").find((g) => g.typed === "laptop")?.alternatives,
    ).toContainEqual(["ホスト"]);
    expect(a.groups("手元にコピーしたい").find((g) => g.typed === "手元")?.alternatives).toContainEqual([
      "ホスト",
    ]);
    const notes = folder({
      "docker.md":
        "# Docker\n\n## cp\n\nコンテナとホストの間でファイルをコピーする。\n\n    docker container cp web:/var/log/app.log .\n\n## logs\n\nコンテナのログファイルを見る。\n\n    docker container logs web\n",
    });
    expect(top(notes, "copy a log file out of a running container to my laptop")).toBe("cp");
  });
});

describe("what the question says not to do", () => {
  const a = analyzer({
    "update.md": `# docker update

> Update the resource limits of a running container.

## docker rm

Remove a container, to recreate it from its image.
`,
  });
  const weight = (q: string, typed: string) => a.groups(q).find((g) => g.typed === typed)?.weight ?? 0;

  it("weighs a verb after 'without' as a constraint, not the topic", () => {
    expect(weight("limit the cpus of a running container without recreating it", "recreat")).toBeCloseTo(
      NEGATED_WORD_FACTOR * weight("limit the cpus of a running container and recreating it", "recreat"),
    );
  });

  it("but not an -ing word with nothing after it: building without caching is about the cache", () => {
    const b = analyzer({
      "build.md": "# Build\n\n## Cache\n\nCaching layers speeds builds up.\n\n## Tags\n\nTags name images.\n",
    });
    const w = (q: string) => b.groups(q).find((g) => g.typed.startsWith("cach"))?.weight ?? 0;
    expect(w("build an image without caching")).toBeGreaterThan(0);
    expect(w("build an image without caching")).toBeCloseTo(w("build an image with caching"));
  });
});

describe("a command line under a heading and little else", () => {
  const k8s = folder({
    "k8s.md": `# Kubernetes

## 用語

| 用語 | 意味 |
| --- | --- |
| Namespace | クラスタの中の仮想的なクラスタ。namespace ごとに権限を分けて一覧を管理できる。 |
| Node | Pod を動かすマシン。一覧は kubectl で表示できる。 |

## Pod

Pod はコンテナをまとめた単位で、kubectl のコマンドで作る。

## Deployment

Deployment は Pod の更新を管理する。

## Namespace
$ kubectl get namespace
`,
  });

  it("is described by the command reference: the section answers, not a longer one that mentions its words", () => {
    expect(top(k8s, "namespace の一覧を表示するコマンドは？")).toBe("Namespace");
  });
});

describe("output as it comes", () => {
  const pods = folder({
    "pods.md": `# Kubernetes

## Pod

Pod はコンテナの集まり。

\`\`\`
// 標準出力
$ kubectl logs -f web
// 削除
$ kubectl delete pod web
\`\`\`

## Service

Service は Pod への入り口。
`,
  });

  it("is what following or streaming logs means (リアルタイム meets the reference's follow and stream)", () => {
    expect(top(pods, "Pod のログをリアルタイムで見たい")).toBe("Pod");
  });

  it("and what live or realtime means in an English question over Japanese notes", () => {
    const live = analyzer({
      "logs.md": "# ログ\n\n## 追う\n\nログをリアルタイムに表示する。\n\n## 消す\n\n古いログを消す。\n",
    });
    for (const q of ["watch the logs live", "realtime logs"]) {
      const word = live.groups(q).find((g) => g.typed === "live" || g.typed === "realtime");
      expect(word?.alternatives.flat()).toContain("リアルタイム");
    }
  });
});

describe("a Japanese phrase for an English word", () => {
  const files = {
    "notes.md": `# メモ

## 標準ライブラリ

Go の標準ライブラリで HTTP サーバーを書く。

## 出力の整形

表を出力するときは列をそろえる。

## コンテナの標準出力

\`docker container logs\` でコンテナの標準出力を見る。
`,
  };
  const notes = folder(files);

  it("is matched whole: the logs are the standard output, not the standard library or any output", () => {
    const groups = analyzer(files).groups("view the logs of a container");
    const logs = groups.find((g) => g.typed === "log");
    expect(logs?.alternatives).toContainEqual(["標準", "出力"]);
    expect(logs?.alternatives).not.toContainEqual(["標準"]);
    expect(logs?.alternatives).not.toContainEqual(["出力"]);
    expect(top(notes, "how do I view the logs of a container")).toBe("コンテナの標準出力");
  });
});

describe("the same word in another part of speech", () => {
  const files = {
    "ops.md": `# 運用メモ

## Log rotation

Old files are compressed every night and kept for a week.

## Log shipping

Each file is sent to the central store as it grows.

## Restarting a service

Run \`systemctl restart app\` after you change the config.
`,
  };
  const notes = folder(files);

  it("meets the noun the notes write for the verb typed, and the verb's cut form", () => {
    expect(top(notes, "how often do we rotate the log files")).toBe("Log rotation");
    // "restarting" is indexed cut, as restart; "restart" typed is that word: no derived form needed.
    expect(top(notes, "how do I restart the service")).toBe("Restarting a service");
  });

  it("reads a past tense by its verb's noun too", () => {
    const groups = analyzer(files).groups("when are log files rotated");
    const rotate = groups.find((g) => g.typed === "rotat");
    expect(rotate?.alternatives).toContainEqual(["rotation"]);
  });
});

describe("a Japanese verb over English pages, known only in other Japanese words", () => {
  const files = {
    "cache-du.md": tldrPage("cache du", "Show disk usage of the build cache.", "Show disk usage", "cache du"),
    "cache-prune.md": tldrPage("cache prune", "Remove the build cache.", "Remove build cache", "cache prune"),
  };
  const pages = folder(files);

  it("meets those words' English: 消したい (削除) is remove", () => {
    const kill = analyzer(files)
      .groups("キャッシュを消したい")
      .find((g) => g.typed === "消し");
    expect(kill?.alternatives).toContainEqual(["remove"]);
    expect(top(pages, "キャッシュを消したい")).toBe("cache prune");
  });
});

describe("a misspelled katakana compound", () => {
  const files = {
    "net.md": `# ネットワーク

## 公開

コンテナのポートを公開する。

## フォワード

転送の設定。

## ポートフォワーディング

手元のポートから Pod のポートへ転送する。

    kubectl port-forward pod/web 8080:80
`,
  };

  it("is read as the folder's word and covers the question as that word would", () => {
    const group = analyzer(files)
      .groups("ポートフォワーディグ のやり方")
      .find((g) => g.typed === "ポートフォワーディグ");
    expect(group?.readAs).toBe("ポートフォワーディング");
    expect(group?.credit).toBe(1);
    expect(top(folder(files), "ポートフォワーディグ のやり方")).toBe("ポートフォワーディング");
  });

  it("is not read as a shorter word it begins with, which is another word", () => {
    const group = analyzer({ "d.md": "# サービスディスカバリ\n\nディスの話。\n" })
      .groups("ディスクをマウントしたい")
      .find((g) => g.typed === "ディスク");
    expect(group?.credit ?? 0).toBeLessThan(1);
  });
});

describe("the asker's situation words (someone, now, still, a few hours ago)", () => {
  const runbook = folder({
    "runbook.md": `# Runbook

## Clearing a stuck lock

When a run crashes, the state lock stays behind. Release it with \`terraform force-unlock LOCK_ID\`.

## Who is on call

Someone from the platform team is always on call. Page them now rather than tomorrow: they still answer
a few hours after midnight, and anyone may page them.
`,
  });

  it("do not count against the section that answers the rest of the question", () => {
    expect(top(runbook, "someone said the lock is still stuck now")).toBe("Clearing a stuck lock");
  });

  it("and their Japanese: the asker's feelings about the task (面倒, 怖い) and when it happens (毎回)", () => {
    const cli = folder({
      "cli.md": `# CLI

## 既定のプロファイル

環境変数 AWS_PROFILE を設定すると --profile を省略できる。

## 作業の心得

本番の作業は毎回ペアで行う。面倒でも手順書を読み、怖いと感じたら止めて相談する。
`,
    });
    expect(top(cli, "毎回 --profile つけるの面倒なんだけど省略できる？")).toBe("既定のプロファイル");
  });

  it("and the verbs of a question's phrasing: what problem does it solve", () => {
    const tools = folder({
      "tools.md": `# Tools

## Compose

Compose starts the web app, its database and its cache together from one file, in the right order.

## Troubleshooting

Most network errors solve themselves after a restart of the daemon.
`,
    });
    expect(top(tools, "what problem does Compose solve")).toBe("Compose");
  });

  it("leave out everyone and whole, which notes write where they answer", () => {
    const pager = folder({
      "pager.md": `# Pager

## Severity levels

SEV1 means checkout is broken for everyone: page the on-call engineer and the team lead.

## Who to call

When checkout is broken, call the on-call engineer from the pager app.
`,
    });
    expect(top(pager, "checkout is broken for everyone, who do I call?")).toBe("Severity levels");
  });

  it("count for a section that holds them, and do not make a question about something else covered", () => {
    expect(top(runbook, "is someone still on call now")).toBe("Who is on call");
    expect(runbook.ask("someone said the printer still jams now").response.found).toBe(false);
  });
});

describe("a misspelled short word", () => {
  const words = analyzer({
    "pods.md": `# Pods

## Annotating a pod

Add a note to a pod with \`kubectl annotate pod web owner=team\`.

## Building an image

Build the image with \`docker build -t web .\`, then untag old ones with \`docker rmi\`.
`,
  });
  const readAs = (q: string, typed: string) => words.groups(q).find((g) => g.typed === typed)?.readAs;

  it("is read through a swap of neighbours or one letter left out after its first two", () => {
    expect(readAs("annotate a pdo", "pdo")).toBe("pod");
    expect(readAs("buld the image", "buld")).toBe("build");
  });

  it("is not read as another word one changed letter away", () => {
    expect(readAs("untar the archive", "untar")).toBeUndefined();
    expect(readAs("bolt the image", "bolt")).toBeUndefined();
  });
});

describe("a verb in -ed or -ing whose stem cut its e", () => {
  const storage = {
    "storage.md": `# Storage notes

## Auditing a volume

Lists the changes made to the files of a volume since its last snapshot.

\`\`\`bash
snapctl diff data-volume
\`\`\`

## Builder settings

Settings that were changed by hand from the defaults are kept in builder.toml.

## Snapshots

Take one every night with \`snapctl snap data-volume\`.
`,
  };
  const alternatives = (a: QueryAnalyzer, q: string, typed: string) =>
    a.groups(q).find((g) => g.typed === typed)?.alternatives ?? [];

  it("meets the word as another section writes it, where the cut form stands apart from it", () => {
    // "changed" is cut to chang, as the builder section's "changed"; the audit section writes "changes".
    expect(alternatives(analyzer(storage), "which files changed in my volume", "chang")).toContainEqual([
      "change",
    ]);
    expect(folder(storage).ask("which files changed in my volume").coverage).toBe(1);
  });

  it("not where the two forms stand together: namespaced beside namespace finds no other section", () => {
    const a = analyzer({
      "namespaces.md": `# Namespaces

Most objects live in a namespace; nodes are not namespaced.

## Initial namespaces

Every cluster starts with the default namespace.

## Not all objects are namespaced

List what is namespaced with \`kubectl api-resources --namespaced=true\`; a node has no namespace.
`,
    });
    expect(alternatives(a, "are nodes namespaced", "namespac")).not.toContainEqual(["namespace"]);
  });
});

describe("a phrasal verb", () => {
  const compose = folder({
    "docker-compose-down.md": tldrPage(
      "docker compose down",
      "Stop and remove the containers and networks of a compose project.",
      "Stop and remove the containers, networks and named volumes",
      "docker compose down --volumes",
    ),
    "docker-compose-up.md": tldrPage(
      "docker compose up",
      "Start the services of a compose project.",
      "Start every service in the background",
      "docker compose up --detach",
    ),
    "docker-volume.md": tldrPage("docker volume", "Manage volumes.", "List the volumes", "docker volume ls"),
    "docker-stack.md": tldrPage(
      "docker stack",
      "Manage a swarm stack.",
      "List the stacks",
      "docker stack ls",
    ),
  });

  it("is read as the verb the folder writes for it: tearing down and throwing away is removing", () => {
    expect(top(compose, "tear down the compose stack and also throw away its volumes")).toBe(
      "docker compose down",
    );
  });
});

describe("a command's overview page", () => {
  const kubectl = folder({
    "kubectl.md": `# kubectl

> Run commands on a Kubernetes cluster from the shell.

- List information about a resource:

\`kubectl get {{pods}}\`

- Display resource (CPU/Memory) usage of nodes or pods:

\`kubectl top {{pods|nodes}}\`

- Print the logs for a container in a pod:

\`kubectl logs {{pod_name}}\`
`,
    "kubectl-top.md": tldrPage(
      "kubectl top",
      "See the resource consumption of nodes or pods.",
      "Get the resource consumption of all pods",
      "kubectl top pods",
    ),
    "kubectl-logs.md": tldrPage(
      "kubectl logs",
      "Show the logs of the containers in a pod.",
      "Stream the logs of a pod",
      "kubectl logs --follow {{pod_name}}",
    ),
    "kubectl-get.md": tldrPage("kubectl get", "List objects.", "List every pod", "kubectl get pods"),
  });

  it("gives way to the page of the subcommand whose example answers", () => {
    expect(top(kubectl, "show CPU and memory usage of pods")).toBe("kubectl top");
  });

  it("still answers a question about the command itself", () => {
    expect(top(kubectl, "run commands against a kubernetes cluster")).toBe("kubectl");
  });
  // tldr's own overview pages write each example through a choice of spellings.
  const docker = folder({
    "docker-container.md": `# docker container

> Manage Docker containers.

- List the Docker containers running now:

\`docker {{[ps|container ls]}}\`

- Start stopped containers again:

\`docker {{[start|container start]}} {{container1_name container2_name ...}}\`

- Stop containers that are running:

\`docker {{[stop|container stop]}} {{container1_name container2_name ...}}\`
`,
    "docker.md": `# docker

> Work with Docker's containers and images.

- List all Docker images:

\`docker {{[images|image ls]}}\`

- Open a shell inside a running container:

\`docker {{[exec|container exec]}} {{[-it|--interactive --tty]}} {{container_name}} {{sh}}\`
`,
    "docker-container-ls.md": tldrPage(
      "docker container ls",
      "List Docker containers.",
      "List all Docker containers, running and stopped",
      "docker {{[ps|container ls]}} {{[-a|--all]}}",
    ),
    "docker-exec.md": `# docker exec

> This command is an alias of \`docker container exec\`.

- Read the page of the command it stands for:

\`tldr docker container exec\`
`,
  });

  it("reads an example written through a choice of spellings as the subcommand it spells", () => {
    expect(top(docker, "list the running docker containers")).toBe("docker container ls");
  });

  it("does not give way to an alias page, which only names the subcommand", () => {
    expect(top(docker, "open a shell inside a running container")).toBe("docker");
  });
});
