import { describe, expect, it } from "vitest";
import { questionKind, stateModifiers } from "../../src/knowledge/question-kind.js";
import { stem } from "../../src/knowledge/segment.js";

describe("questionKind", () => {
  it.each([
    ["how do I see logs of a pod", "howto", "see logs of a pod"],
    ["How to copy a file into a container?", "howto", "copy a file into a container"],
    ["コンテナからファイルをコピーするには", "howto", "コンテナからファイルをコピー"],
    ["コンテナを起動する方法", "howto", "コンテナを起動"],
    ["イメージをビルドするにはどうすればいい？", "howto", "イメージをビルド"],
    ["What is a ReplicaSet?", "definition", "ReplicaSet"],
    ["what's etcd", "definition", "etcd"],
    ["Pod とは", "definition", "Pod"],
    ["ReplicaSetって何？", "definition", "ReplicaSet"],
    ["Kubernetes ってそもそも何？", "definition", "Kubernetes"],
    ["ReplicaSet は一体何？", "definition", "ReplicaSet"],
    ["Kubernetes って結局何？", "definition", "Kubernetes"],
    // Other ways learners ask what a thing is, or what it is for.
    ["Namespace ってどういうものですか", "definition", "Namespace"],
    ["Podってどんなもの？", "definition", "Pod"],
    ["Deployment の役割は？", "definition", "Deployment"],
    ["what does a ReplicaSet do", "definition", "ReplicaSet"],
    ["what is a Service for", "definition", "Service"],
    ["which command shows the logs of a pod", "which-command", "shows the logs of a pod"],
    ["Podのログを見るコマンドは？", "which-command", "Podのログを見る"],
    ["Deployment のリビジョン履歴を見るコマンド", "which-command", "Deployment のリビジョン履歴を見る"],
    ["which option runs a container in the background", "which-option", "runs a container in the background"],
    ["バックグラウンドで実行するオプションは何", "which-option", "バックグラウンドで実行する"],
    // Casual Japanese drops the particle: オプションどれ, コマンド何.
    ["コンテナを消すオプションどれ", "which-option", "コンテナを消す"],
    ["ログを見るコマンド何", "which-command", "ログを見る"],
    // Asking to be told the command: コマンドを教えて, "what's the command to …".
    ["署名付きURLを作るコマンドを教えて", "which-command", "署名付きURLを作る"],
    ["what's the command to upgrade one package", "which-command", "upgrade one package"],
    // …in casual Japanese: no particle, in hiragana, or "what was it again".
    ["コンテナを再起動するコマンドおしえて", "which-command", "コンテナを再起動する"],
    ["イメージ消すコマンド知りたい", "which-command", "イメージ消す"],
    ["ログを見るコマンドってなんだっけ", "which-command", "ログを見る"],
    ["バックグラウンドで動かすオプションなんだっけ", "which-option", "バックグラウンドで動かす"],
    // Not a command line's option or a design pattern.
    [
      "what is the command line option for verbose output",
      "definition",
      "command line option for verbose output",
    ],
    ["Podの役割は何ですか", "definition", "Pod"],
    ["is Kubernetes any different from Docker Swarm", "difference", "Kubernetes Docker Swarm"],
    // A noun phrase that ends in the thing asked for, as typed into a search box.
    ["イメージにタグを付けてビルドするオプション", "which-option", "イメージにタグを付けてビルドする"],
    ["the flag to remove a container when it exits", "which-option", "remove a container when it exits"],
    // Asked as "what's the flag that…", "is there a flag…", "…するオプションある？", or what to add to the line.
    [
      "what's the flag that removes the container when it stops",
      "which-option",
      "that removes the container when it stops",
    ],
    ["is there an option to keep stdin open", "which-option", "to keep stdin open"],
    ["停止したら消えるようにするオプションある？", "which-option", "停止したら消えるようにする"],
    ["ポートを公開するフラグを教えて", "which-option", "ポートを公開する"],
    ["裏で動かしたいんだけど run に何を付ければいい？", "which-option", "裏で動かしたいんだけど run に"],
    // "What is the flag" still asks which flag; "what is a flag" asks what flags are.
    ["what is a flag", "definition", "flag"],
    ["what are the components of the master", "list", "components of the master"],
    ["管理コンポーネントの一覧", "list", "管理コンポーネント"],
    ["Masterサーバにはどんな管理コンポーネントがある？", "list", undefined],
    // A request in the imperative, as typed into a search box, is a how-to; "list all …" stays a list.
    ["remove all unused images at once", "howto", "remove all unused images at once"],
    ["I want to follow the logs of a pod", "howto", "follow the logs of a pod"],
    ["list all pods", "list", "pods"],
    // A difference asked the other way round.
    [
      "is docker container stop the same as deleting the container",
      "difference",
      "docker container stop deleting the container",
    ],
    ["RUN と CMD は同じ？", "difference", "RUN CMD"],
  ])("%s → %s", (q, kind, subject) => {
    const shape = questionKind(q);
    expect(shape.kind).toBe(kind);
    if (subject !== undefined) expect(shape.subject).toBe(subject);
  });

  it.each([
    ["Ingress と NodePort の違い", ["Ingress", "NodePort"]],
    ["NodePort Service と Ingress の違いは？", ["NodePort Service", "Ingress"]],
    ["Dockerfile の RUN と CMD の違いは？", ["RUN", "CMD"]],
    ["ReplicaSet と Deployment って何が違うの？", ["ReplicaSet", "Deployment"]],
    ["NodePort と Ingress はどこが違う？", ["NodePort", "Ingress"]],
    ["difference between a Pod and a Deployment", ["Pod", "Deployment"]],
    ["Docker Compose vs Docker Swarm", ["Docker Compose", "Docker Swarm"]],
    // The question after a comma is not part of the second side, nor the context it is asked in.
    ["RDB vs AOF in Redis, what's the difference?", ["RDB", "AOF"]],
    ["what's the difference between RUN and CMD in a Dockerfile", ["RUN", "CMD"]],
    ["RUN 命令と CMD 命令、実行されるタイミングの違いは？", ["RUN 命令", "CMD 命令"]],
    // A context that tells the two apart stays, and a comma inside a flag's value is not a clause.
    ["difference between Docker and Docker for Mac", ["Docker", "Docker for Mac"]],
    ["difference between -v and --mount type=bind,src=/data", ["-v", "--mount type=bind,src=/data"]],
    // A side that names nothing keeps its words: "in the background" is the side.
    ["difference between -d and running in the background", ["-d", "running in the background"]],
  ])("%s compares %j", (q, sides) => {
    const shape = questionKind(q);
    expect(shape.kind).toBe("difference");
    expect(shape.sides).toEqual(sides);
  });

  it("leaves other questions alone", () => {
    expect(questionKind("namespace")).toEqual({ kind: "other" });
    expect(questionKind("Deployment のロールバック")).toEqual({ kind: "other" });
    expect(questionKind("  ")).toEqual({ kind: "other" });
  });
});

describe("questions phrased with fillers and headings phrased as questions", () => {
  it("'what exactly is X' is a definition of X", () => {
    expect(questionKind("what exactly is a pod")).toEqual({ kind: "definition", subject: "pod" });
  });
});

it.each(["このコマンドどれくらい時間かかる？", "このコマンド何もでない", "オプション何個ある？"])(
  "a question about a command or an option that asks something else is not a which-question: %s",
  (q) => {
    expect(questionKind(q).kind).not.toMatch(/^which-/u);
  },
);

describe("the words that say which thing, not what to do", () => {
  it("reads a participle between a determiner and its noun as a modifier", () => {
    expect([...stateModifiers("how do I throw away a stopped container")]).toEqual(["stop"]);
    expect([...stateModifiers("restart the running pod")]).toEqual(["run"]);
    expect([...stateModifiers("remove all unused images at once")]).toEqual([]);
    // -ing words that are nouns say what to act on.
    expect([...stateModifiers("reverse a string in bash")]).toEqual([]);
    expect([...stateModifiers("set the logging driver")]).toEqual([]);
    expect([...stateModifiers("how do I stop a container")]).toEqual([]);
  });

  it("reads a clause after the thing that says what was done to it ('the manifest file I applied')", () => {
    expect([...stateModifiers("delete a pod using the manifest file I applied")]).toEqual([stem("applied")]);
    expect([...stateModifiers("roll back the deployment we just updated")]).toEqual([stem("updated")]);
    // Not the question's own action: "I deleted" here is what happened, not which thing.
    expect([...stateModifiers("I deleted a pod by mistake, how do I get it back")]).toEqual([]);
  });
});
