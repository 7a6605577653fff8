import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { explainReply } from "../../src/core/answers/explain.js";
import { BUNDLED_NOTES_DIR } from "../../src/core/config.js";
import type { Reply } from "../../src/core/reply.js";
import type { Tutor } from "../../src/core/tutor.js";
import {
  dockerGlobalFlags,
  findCommand,
  kubectlGlobalFlags,
  kubernetesResources,
} from "../../src/knowledge/catalog/index.js";
import {
  allText,
  codeOf,
  fieldsOf,
  invocation,
  notesOf,
  openTestTutor,
  type TestTutor,
  textsOf,
} from "../helpers/tutor.js";

const NOTE_FILE = "docker-kubernetes.md";
const NOTE = fs.readFileSync(path.join(BUNDLED_NOTES_DIR, NOTE_FILE), "utf8");
const LINES = NOTE.split("\n");
const NOTES = "📒";
const CATALOG = "📖";

/** Notes text as the answers quote it: no markdown backticks or table bars, spaces collapsed. */
const flat = (s: string) => s.replace(/`/g, "").replace(/\|/g, " ").replace(/\s+/g, " ").trim();
const NOTE_FLAT = flat(NOTE);

const source = (anchor: string) => `notes/${NOTE_FILE}#${anchor}`;

let env: TestTutor;
let tutor: Tutor;
beforeAll(() => {
  env = openTestTutor({ name: "explain-test" });
  tutor = env.tutor;
});
afterAll(() => env.close());

const explain = (line: string, locale: "en" | "ja" = "en"): Reply =>
  explainReply(tutor, invocation(locale), line);

interface Case {
  line: string;
  /** The canonical command: the title of the answer. */
  title: string;
  /** Anchor of the section cited first. */
  section: string;
  /** Each flag of the line (combined short flags one by one), and where its explanation comes from. */
  flags: Record<string, "notes" | "catalog">;
  /** Arguments and resources that get a field of their own. */
  args?: string[];
  /** A passage of the notes the answer quotes. */
  quotes?: string;
}

const CASES: Case[] = [
  {
    line: "docker cp",
    title: "docker container cp",
    section: "cp",
    flags: {},
    quotes: "起動しているコンテナとホストOS間でファイルの受け渡しができます。",
  },
  {
    line: "docker run -d -p 9000:8080 --name web nginx",
    title: "docker container run",
    section: "ポートフォワーディング",
    flags: { "-d": "notes", "-p": "notes", "--name": "notes" },
    args: ["nginx"],
    quotes: "ホストOS側のポート番号を結びつける",
  },
  {
    line: "docker run -it --rm ubuntu bash",
    title: "docker container run",
    section: "よく使うコマンドオプション",
    flags: { "-i": "notes", "-t": "notes", "--rm": "notes" },
    args: ["ubuntu", "bash"],
  },
  {
    line: "docker container run -v /data:/data nginx",
    title: "docker container run",
    section: "よく使うコマンドオプション",
    flags: { "-v": "notes" },
    args: ["nginx"],
  },
  {
    line: "docker run -t -d --name hoge example/echo:latest",
    title: "docker container run",
    section: "名前付きコンテナ",
    flags: { "-t": "notes", "-d": "notes", "--name": "notes" },
    args: ["example/echo:latest"],
  },
  {
    // The notes' -i/-t rows are about `docker container run`: for exec the catalog explains them.
    line: "docker exec -it web sh",
    title: "docker container exec",
    section: "exec",
    flags: { "-i": "catalog", "-t": "catalog" },
    args: ["web", "sh"],
    quotes: "起動しているコンテナに対してコマンドを実行できます。",
  },
  {
    line: "docker container exec web pwd",
    title: "docker container exec",
    section: "exec",
    flags: {},
    args: ["web", "pwd"],
  },
  {
    // `-t` of an image build is the tag, not the pseudo-terminal of the notes' option table.
    line: "docker image build -t app:1 .",
    title: "docker image build",
    section: "チュートリアル",
    flags: { "-t": "catalog" },
    args: ["."],
  },
  {
    line: "docker build -t helloworld:latest .",
    title: "docker image build",
    section: "チュートリアル",
    flags: { "-t": "catalog" },
    args: ["."],
  },
  {
    line: "docker ps -a",
    title: "docker container ls",
    section: "名前付きコンテナ",
    flags: { "-a": "catalog" },
  },
  {
    line: "docker rm -f web",
    title: "docker container rm",
    section: "docker-起動--停止--再起動--破棄",
    flags: { "-f": "catalog" },
    args: ["web"],
  },
  {
    line: "docker container stop web",
    title: "docker container stop",
    section: "docker-起動--停止--再起動--破棄",
    flags: {},
    args: ["web"],
  },
  {
    line: "docker container prune -f",
    title: "docker container prune",
    section: "使用していないコンテナイメージの一括破棄",
    flags: { "-f": "catalog" },
  },
  {
    line: "docker image prune -a",
    title: "docker image prune",
    section: "使用していないコンテナイメージの一括破棄",
    flags: { "-a": "catalog" },
  },
  {
    line: "docker system prune",
    title: "docker system prune",
    section: "使用していないコンテナイメージの一括破棄",
    flags: {},
  },
  {
    line: "kubectl get po -n kube-system",
    title: "kubectl get pods",
    section: "用語整理",
    flags: { "-n": "catalog" },
    args: ["po"],
  },
  {
    line: "kubectl -n kube-system get secret",
    title: "kubectl get secrets",
    section: "用語整理",
    flags: { "-n": "catalog" },
    args: ["secret"],
  },
  {
    line: "kubectl get namespace",
    title: "kubectl get namespaces",
    section: "namespace",
    flags: {},
    args: ["namespace"],
  },
  {
    line: "kubectl apply -f simple-pod.yaml",
    title: "kubectl apply",
    section: "pod",
    flags: { "-f": "catalog" },
  },
  {
    line: "kubectl logs -f simple-echo",
    title: "kubectl logs",
    section: "pod",
    flags: { "-f": "catalog" },
    args: ["simple-echo"],
  },
  {
    line: "kubectl delete pod simple-echo",
    title: "kubectl delete pods",
    section: "pod",
    flags: {},
    args: ["pod", "simple-echo"],
  },
  {
    line: "kubectl delete -f simple-pod.yaml",
    title: "kubectl delete",
    section: "pod",
    flags: { "-f": "catalog" },
  },
  {
    line: "kubectl rollout undo deployment echo",
    title: "kubectl rollout undo deployments",
    section: "deployment",
    flags: {},
    args: ["deployment", "echo"],
  },
  {
    line: "kubectl rollout history deployment echo --revision=1",
    title: "kubectl rollout history deployments",
    section: "deployment",
    flags: { "--revision": "catalog" },
    args: ["deployment", "echo"],
  },
  {
    line: "kubectl get pod,replicaset,deployment --selector app=echo",
    title: "kubectl get pods,replicasets,deployments",
    section: "deployment",
    flags: { "--selector": "catalog" },
    args: ["pod", "replicaset", "deployment"],
  },
  {
    line: "kubectl describe secret deployment-controller-abc -n kube-system",
    title: "kubectl describe secrets",
    section: "用語整理",
    flags: { "-n": "catalog" },
    args: ["secret", "deployment-controller-abc"],
  },
  {
    line: "kubectl proxy",
    title: "kubectl proxy",
    section: "用語整理",
    flags: {},
  },
  {
    line: "docker run -rm nginx",
    title: "docker container run",
    section: "よく使うコマンドオプション",
    flags: { "-rm": "notes" },
    args: ["nginx"],
  },
  {
    line: "dokcer cp",
    title: "docker container cp",
    section: "cp",
    flags: {},
  },
  {
    line: "kubctl logs",
    title: "kubectl logs",
    section: "pod",
    flags: {},
  },
];

/** The catalog's one-liners of a command's flags (its own and the tool's global ones), in English. */
function catalogSummaries(canonical: string): Set<string> {
  const words = canonical.split(" ");
  let command = findCommand(canonical);
  for (let n = words.length - 1; !command && n > 0; n--) command = findCommand(words.slice(0, n).join(" "));
  const global = canonical.startsWith("kubectl") ? kubectlGlobalFlags : dockerGlobalFlags;
  return new Set([...(command?.flags ?? []), ...global].map((f) => f.summary.en));
}

describe("/explain breaks command lines down from the notes and the catalog", () => {
  it("covers at least 20 command lines", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(20);
  });

  it.each(CASES)("$line", (c) => {
    const r = explain(c.line);
    expect(r.notFound).toBeUndefined();
    // The canonical command is the title, the catalog's one-liner the subtitle.
    expect(r.title).toBe(c.title);
    expect(r.subtitle?.startsWith(`${CATALOG} `)).toBe(true);
    // The right section is cited first, with its heading path.
    expect(r.citations[0]?.source).toBe(source(c.section));
    expect(r.citations.length).toBeGreaterThan(0);
    expect(r.citations.length).toBeLessThanOrEqual(3);
    if (c.quotes) expect(allText(r)).toContain(c.quotes);
    // The notes' words once each: no sentence is repeated.
    const said = textsOf(r)
      .flatMap((t) => t.split(/\n|(?<=。)/u))
      .map((x) => x.trim())
      .filter((x) => x.length > 10);
    expect(
      said.filter((x, i) => said.indexOf(x) !== i),
      "repeated sentences",
    ).toEqual([]);
    // The notes' example lines of the command.
    const examples = codeOf(r).join("\n").split("\n");
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples)
      expect(example.startsWith(`$ ${c.title.split(" ")[0]} `), example).toBe(true);

    const fields = fieldsOf(r);
    const named = (name: string) => fields.find((f) => f.name === name || f.name.startsWith(`${name} = `));
    const summaries = catalogSummaries(c.title);
    for (const [flag, from] of Object.entries(c.flags)) {
      const field = named(flag);
      expect(field, `field for ${flag}`).toBeDefined();
      const lines = field?.value.split("\n") ?? [];
      const notesLine = lines.find((l) => l.startsWith(`${NOTES} `));
      const catalogLine = lines.find((l) => l.startsWith(`${CATALOG} `));
      // Every flag is explained by the catalog; the notes come first where they explain it.
      expect(catalogLine, `${flag}: catalog line`).toBeDefined();
      expect(summaries.has(catalogLine?.slice(CATALOG.length + 1) ?? ""), `${flag}: ${catalogLine}`).toBe(
        true,
      );
      if (from === "notes") {
        expect(lines[0], `${flag}: notes first`).toBe(notesLine);
        const quoted = flat(notesLine?.slice(NOTES.length + 1) ?? "");
        expect(quoted.length, flag).toBeGreaterThan(5);
        expect(NOTE_FLAT.includes(quoted), `${flag}: "${quoted}" is the notes' own words`).toBe(true);
      } else {
        expect(notesLine, `${flag}: no notes line`).toBeUndefined();
      }
    }
    // Every flag that was typed has a field, and nothing is left unexplained.
    const flagFields = fields.filter((f) => f.name.startsWith("-"));
    expect(flagFields.map((f) => f.name.split(" = ")[0]).sort()).toEqual(Object.keys(c.flags).sort());
    for (const arg of c.args ?? []) expect(named(arg), `field for ${arg}`).toBeDefined();
    for (const f of fields) {
      expect(f.value.startsWith("❓"), `${f.name}: ${f.value}`).toBe(false);
      expect(f.value.replace(/^(📒|📖)\s*/u, "").length, f.name).toBeGreaterThan(3);
    }
    // Which explanation is which is made visible.
    if (fields.length > 0)
      expect(textsOf(r).some((t) => t.includes(NOTES) && t.includes(CATALOG))).toBe(true);
  });

  it("explains resources of kubectl from the catalog", () => {
    const r = explain("kubectl get pod,replicaset,deployment --selector app=echo");
    const fields = fieldsOf(r);
    for (const [typed, name] of [
      ["pod", "pods"],
      ["replicaset", "replicasets"],
      ["deployment", "deployments"],
    ] as const) {
      const resource = kubernetesResources.find((x) => x.name === name);
      expect(fields.find((f) => f.name === typed)?.value).toBe(
        `${CATALOG} ${resource?.summary.en} (\`${name}\`)`,
      );
    }
  });

  it("says how it read a typo in the tool's name", () => {
    expect(notesOf(explain("dokcer cp"))).toContain("Read `dokcer` as `docker`.");
    expect(notesOf(explain("kubctl logs"))).toContain("Read `kubctl` as `kubectl`.");
  });

  it("gives the command's one-liner in Japanese with TUTOR_LOCALE=ja", () => {
    const r = explain("docker run -d -p 9000:8080 --name web nginx", "ja");
    expect(r.subtitle).toBe(`${CATALOG} ${findCommand("docker container run")?.summary.ja}`);
    expect(textsOf(r)).toContain("📒 = ノートより · 📖 = コマンドリファレンスより");
  });
});

describe("errata: where the notes disagree with the real command", () => {
  const lineOf = (text: string) => LINES.findIndex((l) => l.includes(text)) + 1;

  it("/explain docker run --rm points out the notes' -rm row, with its line and the correction", () => {
    const line = lineOf("| -rm |");
    expect(line).toBe(169);
    const r = explain("docker run --rm");
    const erratum = notesOf(r).find((n) => n.includes(`line ${line}`));
    expect(erratum).toBeDefined();
    expect(erratum).toContain("`--rm`");
    expect(erratum).toContain("`-rm`");
    // The notes' row still explains the flag.
    expect(fieldsOf(r).find((f) => f.name === "--rm")?.value).toContain(
      `${NOTES} コンテナ終了時にコンテナを破棄する。`,
    );
    expect(r.citations[0]?.source).toBe(source("よく使うコマンドオプション"));
    const ja = explain("docker run --rm", "ja");
    expect(notesOf(ja).some((n) => n.includes(`(${line} 行目)`) && n.includes("`--rm`"))).toBe(true);
  });

  it("/explain docker run -rm nginx says the typed -rm should be --rm", () => {
    const r = explain("docker run -rm nginx");
    const field = fieldsOf(r).find((f) => f.name === "-rm");
    expect(field?.value).toContain("You typed `-rm`: the flag is `--rm`.");
    expect(notesOf(r).some((n) => n.includes("line 169"))).toBe(true);
  });

  it("/explain kubectl exec -it simple-echo sh -c nginx mentions the garbled line of the notes", () => {
    const garbled = lineOf("$kubectlexecitsimpleechoshcnginx");
    expect(garbled).toBe(330);
    const r = explain("kubectl exec -it simple-echo sh -c nginx");
    const note = notesOf(r).find((n) => n.includes(`line ${garbled}`));
    expect(note).toBeDefined();
    expect(note).toContain("kubectl exec -it simple-echo sh -c nginx");
    // Never a wrong section: whatever is cited is the Pod section, where the line is.
    for (const c of r.citations) expect(c.source).toBe(source("pod"));
  });

  it("the simple-pod.yaml findings appear for /ask simple-pod.yaml and /explain kubectl apply -f simple-pod.yaml", async () => {
    const yamlLines = [311, 316];
    const asked = await tutor.runCommand(invocation(), ["ask"], { question: "simple-pod.yaml" });
    expect(asked.citations[0]?.source).toBe(source("pod"));
    expect(codeOf(asked).join("\n")).toContain("containerPort:8080");
    const applied = explain("kubectl apply -f simple-pod.yaml");
    for (const r of [asked, applied]) {
      for (const line of yamlLines)
        expect(
          notesOf(r).some((n) => n.includes(`line ${line}`)),
          `line ${line}`,
        ).toBe(true);
    }
    expect(notesOf(asked).find((n) => n.includes("line 316"))).toContain("containerPort");
    // Another manifest is not blamed for them.
    const other = explain("kubectl apply -f simple-deployment.yaml");
    for (const line of yamlLines) expect(notesOf(other).some((n) => n.includes(`line ${line}`))).toBe(false);
  });

  it("/explain kubectl rollout undo deployment echo points out the output written on the command's line", () => {
    const r = explain("kubectl rollout undo deployment echo");
    expect(
      notesOf(r).some((n) => n.includes("line 455") && n.includes("kubectl rollout undo deployment echo")),
    ).toBe(true);
  });

  it("/explain kubectl apply … --record says the flag is deprecated, and where the notes use it", () => {
    const r = explain("kubectl apply -f simple-deployment.yaml --record");
    expect(fieldsOf(r).find((f) => f.name === "--record")?.value).toContain("deprecated");
    expect(notesOf(r).some((n) => n.includes("line 417"))).toBe(true);
  });

  it("does not report errata that have nothing to do with the command", () => {
    for (const line of ["docker cp", "docker ps -a", "kubectl logs -f simple-echo"]) {
      expect(
        notesOf(explain(line)).filter((n) => n.startsWith("A note on your notes")),
        line,
      ).toEqual([]);
    }
  });
});

describe("commands the notes do not cover", () => {
  it("/explain git rebase: Not in your notes, and no section", () => {
    const r = explain("git rebase");
    expect(r.notFound).toBe(true);
    expect(r.title).toBe("Not in your notes");
    expect(r.citations).toEqual([]);
    expect(textsOf(r)[0]).toContain("`git rebase`");
    expect(fieldsOf(r)).toEqual([]);
  });

  it("/explain docker volume create x: not in the notes, with the catalog's one-liner", () => {
    const r = explain("docker volume create x");
    expect(r.notFound).toBe(true);
    expect(r.title).toBe("Not in your notes");
    expect(r.citations).toEqual([]);
    expect(textsOf(r)).toContain(
      `From the command reference (not your notes): \`docker volume create\`: ${findCommand("docker volume create")?.summary.en}`,
    );
    // "Did you mean" suggestions, when there are any, are commands the notes do cover.
    const didYouMean = textsOf(r).find((t) => t.startsWith("Did you mean"));
    const notesCommands = new Set(tutor.index.notesCommands());
    for (const s of didYouMean?.match(/`[^`]+`/g) ?? [])
      expect(notesCommands.has(s.slice(1, -1)), s).toBe(true);
  });

  it("finds kubectl exec through the notes' garbled line, read as it was meant, and points the erratum out", () => {
    const r = explain("kubectl exec");
    expect(r.title).toBe("kubectl exec");
    expect(r.citations[0]?.source).toBe(source("pod"));
    const notes = r.blocks.flatMap((b) => (b.type === "note" ? [b.text] : []));
    expect(
      notes.some((t) => t.includes("line 330") && t.includes("kubectl exec -it simple-echo sh -c nginx")),
    ).toBe(true);
  });

  it("answers in Japanese with TUTOR_LOCALE=ja", () => {
    const r = explain("git rebase", "ja");
    expect(r.title).toBe("ノートにはありません");
    expect(textsOf(r)[0]).toContain("ノートに書かれていません");
  });
});

describe("/explain opens with the notes' words closest to the command", () => {
  it("the comment above the line inside its code block, before the block's intro", () => {
    const r = explain("kubectl rollout undo deployment echo");
    expect(textsOf(r)[0]).toBe("特定のREVISIONにロールバック");
    expect(allText(r)).not.toContain("コンテナの定義(yaml)を変更するとREVISIONは更新される");
    const history = explain("kubectl rollout history deployment echo --revision=1");
    expect(textsOf(history)[0]).toBe("特定のREVISIONの内容を確認");
  });

  it("the sentence that introduces the block when the line has no comment", () => {
    const r = explain("docker container stop web");
    expect(textsOf(r)[0]?.startsWith("コンテナを終了するときは以下のコマンドを実行します。")).toBe(true);
  });
});
