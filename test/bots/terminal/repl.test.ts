import path from "node:path";
import { Readable, Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runRepl } from "../../../src/bots/terminal/repl.js";
import type { Locale } from "../../../src/core/i18n.js";
import { cleanEnv, DIST_CLI, DIST_MAIN, ensureBuilt, run } from "../../helpers/build.js";
import { openTestTutor, type TestTutor, tempDir } from "../../helpers/tutor.js";

const FIVE = [
  "/explain docker cp",
  "/explain docker run -d -p 9000:8080 --name web nginx",
  "/explain docker run --rm",
  "/ask Ingress と NodePort の違い",
  "/explain git rebase",
];
const DIFFERENCE =
  "NodePort Service と Ingress の違いは、NodePort Service はポートを指定してリクエストのルーティングを行うL4レベルの制御しかできないのに対し、Ingress はパスによる制御などの L7レベルのルーティングが可能である点である。";

/** The answers of a piped session: each is followed by an empty line. */
function answers(out: string): string[] {
  return out
    .split("\n\n")
    .map((a) => a.trim())
    .filter(Boolean);
}

/** The indented explanation lines under a field of the breakdown (`  -p = \`9000:8080\``). */
function explanationOf(answer: string, field: string): string[] {
  const lines = answer.split("\n");
  const at = lines.findIndex((l) => l === `  ${field}` || l.startsWith(`  ${field} = `));
  if (at < 0) return [];
  const out: string[] = [];
  for (const l of lines.slice(at + 1)) {
    if (!l.startsWith("      ")) break;
    out.push(l.trim());
  }
  return out;
}

/** Checks the five answers of the "done when" session. */
function expectFiveAnswers(out: string): void {
  const [cp, run, rm, ingress, git, ...more] = answers(out);
  expect(more).toEqual([]);

  expect(cp?.split("\n")[0]).toBe("── docker container cp ──");
  expect(cp).toContain("起動しているコンテナとホストOS間でファイルの受け渡しができます。");
  expect(cp).toContain(
    "    $ docker container cp <コンテナIDまたはコンテナ名>:<コピーするファイルのパス> <ホストのコピー先のパス>",
  );
  expect(cp).toContain(
    "Source: Docker › 起動しているコンテナに対して実行できるコマンド › cp (notes/docker-kubernetes.md#cp)",
  );

  expect(run?.split("\n")[0]).toBe("── docker container run ──");
  for (const flag of ["-d", "-p", "--name"]) {
    const lines = explanationOf(run ?? "", flag);
    expect(lines[0], flag).toMatch(/^📒 \S/u);
    expect(lines[1], flag).toMatch(/^📖 \S/u);
  }
  expect(explanationOf(run ?? "", "nginx")[0]).toMatch(/^📖 IMAGE/u);
  expect(run).toContain("  -p = `9000:8080`");
  expect(run).toContain("  --name = `web`");
  expect(run).toContain("📒 = from your notes · 📖 = from the command reference");
  expect(run).toContain(
    "Source: Docker › ポートフォワーディング (notes/docker-kubernetes.md#ポートフォワーディング)",
  );

  expect(rm?.split("\n")[0]).toBe("── docker container run ──");
  expect(explanationOf(rm ?? "", "--rm")[0]).toBe("📒 コンテナ終了時にコンテナを破棄する。");
  expect(rm).toMatch(/^⚠ A note on your notes \(line 169\): .*`--rm`.*`-rm`/mu);

  expect(ingress?.split("\n")[0]).toBe("── NodePort Service ──");
  expect(ingress).toContain(DIFFERENCE);
  expect(ingress).toContain(
    "Source: Service について › NodePort Service (notes/docker-kubernetes.md#nodeport-service)",
  );

  expect(git?.split("\n")[0]).toBe("── Not in your notes ──");
  expect(git).toContain("`git rebase`");
  expect(git).not.toContain("Source:");
}

describe("runRepl, driven through streams", () => {
  let env: TestTutor;
  beforeAll(() => {
    env = openTestTutor({ name: "repl-test" });
  });
  afterAll(() => env.close());

  async function session(lines: string[], locale: Locale = "en"): Promise<string> {
    let out = "";
    const output = new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        out += chunk.toString();
        done();
      },
    });
    await runRepl(env.tutor, {
      input: Readable.from([`${lines.join("\n")}\n`]),
      output,
      locale,
      interactive: false,
    });
    return out;
  }

  it("answers the five lines of the issue, each followed by an empty line, and ends with the input", async () => {
    const out = await session(FIVE);
    expectFiveAnswers(out);
    expect(out.endsWith("\n\n")).toBe(true);
    // Piped input gets no prompt and no banner.
    expect(out).not.toContain("tutor>");
    expect(out.startsWith("── docker container cp ──")).toBe(true);
  });

  it("skips empty lines and reads plain text as a question", async () => {
    const out = await session(["", "   ", "Ingress と NodePort の違い", ""]);
    const [only, ...more] = answers(out);
    expect(more).toEqual([]);
    expect(only?.split("\n")[0]).toBe("── NodePort Service ──");
  });

  it("/help lists the commands with examples", async () => {
    const [help] = answers(await session(["/help"]));
    expect(help?.split("\n")[0]).toBe("── notes-tutor: what I can do ──");
    for (const c of ["/explain", "/ask", "/help"]) expect(help).toContain(`\`${c}\``);
    expect(help).toContain("`/explain docker cp`");
  });

  it("answers an unknown command with a friendly line", async () => {
    const [foo, ...more] = answers(await session(["/foo bar"]));
    expect(more).toEqual([]);
    expect(foo).toBe("ℹ I don't know the command /foo. Type /help to see what I can do.");
  });

  it("answers an empty argument with a short usage line with examples", async () => {
    for (const [line, example] of [
      ["/explain", "`/explain docker cp`"],
      ["/ask", "`/ask Ingress と NodePort の違い`"],
    ] as const) {
      const [usage, ...more] = answers(await session([line]));
      expect(more).toEqual([]);
      expect(usage?.startsWith("ℹ ")).toBe(true);
      expect(usage).toContain(line);
      expect(usage).toContain(example);
      expect(usage?.split("\n").length).toBeLessThanOrEqual(2);
    }
  });

  it("uses Japanese labels with the ja locale", async () => {
    const [cp, foo, help] = answers(await session(["/explain docker run --rm", "/foo", "/help"], "ja"));
    expect(cp).toContain("出典: Docker › よく使うコマンドオプション");
    expect(cp).toContain("関連: ");
    expect(cp).toContain("⚠ ノートの記述について (169 行目)");
    expect(cp).toContain("📒 = ノートより · 📖 = コマンドリファレンスより");
    expect(foo).toBe("ℹ /foo というコマンドはありません。/help で使えるコマンドを確認できます。");
    expect(help?.split("\n")[0]).toBe("── notes-tutor でできること ──");
  });
});

describe("npm start and the tutor CLI, as built", () => {
  let tmp: { dir: string; cleanup: () => void };
  let db: string;
  beforeAll(() => {
    ensureBuilt();
    tmp = tempDir("tutor-e2e");
    db = path.join(tmp.dir, "tutor.sqlite");
  }, 180_000);
  afterAll(() => tmp.cleanup());

  const start = (input: string, extra: Record<string, string> = {}) =>
    run(process.execPath, [DIST_MAIN], { input, env: cleanEnv({ TUTOR_DB: db, ...extra }) });
  const cli = (...args: string[]) => run(process.execPath, [DIST_CLI, ...args, "--db", db]);

  it("answers the five lines piped into node dist/src/main.js and exits 0 at end of input", async () => {
    const result = await start(`${FIVE.join("\n")}\n`);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expectFiveAnswers(result.stdout);
  });

  it("follows TUTOR_LOCALE=ja for its labels", async () => {
    const result = await start("/explain docker cp\n/foo\n", { TUTOR_LOCALE: "ja" });
    expect(result.code).toBe(0);
    const [cp, foo] = answers(result.stdout);
    expect(cp).toContain("出典: Docker › 起動しているコンテナに対して実行できるコマンド › cp");
    expect(foo).toBe("ℹ /foo というコマンドはありません。/help で使えるコマンドを確認できます。");
  });

  /** stdout must be exactly one JSON object. */
  function oneJson(stdout: string): Record<string, unknown> {
    const text = stdout.trim();
    expect(text.startsWith("{")).toBe(true);
    expect(text.endsWith("}")).toBe(true);
    const value: unknown = JSON.parse(text);
    expect(typeof value).toBe("object");
    return value as Record<string, unknown>;
  }

  function expectResults(results: unknown): void {
    expect(Array.isArray(results)).toBe(true);
    const list = results as Record<string, unknown>[];
    expect(list.length).toBeLessThanOrEqual(5);
    for (const r of list) {
      expect(Object.keys(r).sort()).toEqual(["kind", "path", "score", "source", "title"]);
      expect(typeof r.title).toBe("string");
      expect(Array.isArray(r.path)).toBe(true);
      expect(r.source).toMatch(/^notes\/docker-kubernetes\.md#/);
      expect(["section", "command", "option", "term", "example"]).toContain(r.kind);
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(1);
    }
    const scores = list.map((r) => r.score as number);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  }

  it("tutor explain docker cp --json prints exactly one JSON object in the contract's shape", async () => {
    const result = await cli("explain", "docker", "cp", "--json");
    expect(result.code).toBe(0);
    const json = oneJson(result.stdout);
    // The DESIGN contract's five keys, plus explain's piece-by-piece `breakdown` from the reference.
    expect(Object.keys(json).sort()).toEqual([
      "breakdown",
      "found",
      "query",
      "resolved",
      "results",
      "suggestions",
    ]);
    expect(json).toMatchObject({
      query: "docker cp",
      found: true,
      resolved: "docker container cp",
      suggestions: [],
    });
    expectResults(json.results);
    expect((json.results as unknown[])[0]).toMatchObject({
      title: "cp",
      path: ["Docker", "起動しているコンテナに対して実行できるコマンド", "cp"],
      source: "notes/docker-kubernetes.md#cp",
      kind: "command",
    });
  });

  it("takes every word after the subcommand, flags included, as the query", async () => {
    const result = await cli("explain", "docker", "run", "-d", "-p", "9000:8080", "--rm", "nginx", "--json");
    expect(result.code).toBe(0);
    const json = oneJson(result.stdout);
    expect(json).toMatchObject({
      query: "docker run -d -p 9000:8080 --rm nginx",
      found: true,
      resolved: "docker container run",
    });
    expectResults(json.results);
  });

  it("explain --json breaks a pasted line down flag by flag, and names what is not docker or kubectl", async () => {
    const line =
      "sudo docker run --gpus all --shm-size=1g -e FOO=bar --restart unless-stopped nginx | tee log";
    const json = oneJson((await cli("explain", line, "--json")).stdout);
    expect(json).toMatchObject({ query: line, found: true, resolved: "docker container run" });
    const parts = json.breakdown as {
      kind: string;
      command?: string;
      program?: string;
      pieces?: { text: string; kind: string; meaning: string; value?: string }[];
    }[];
    const docker = parts.find((p) => p.command === "docker container run");
    const flags = (docker?.pieces ?? []).filter((p) => p.kind === "flag");
    expect(flags.map((f) => [f.text, f.value])).toEqual([
      ["--gpus", "all"],
      ["--shm-size", "1g"],
      ["-e", "FOO=bar"],
      ["--restart", "unless-stopped"],
    ]);
    for (const f of flags) expect(f.meaning, f.text).not.toBe("");
    expect(parts.find((p) => p.kind === "other")?.program).toBe("tee");
  });

  it("explain --json of an uncovered line still explains it, and says which flag the command lacks", async () => {
    const json = oneJson(
      (await cli("explain", "kubectl rollout restart deployment web --dry-run=client", "--json")).stdout,
    );
    expect(json.found).toBe(false);
    const [part] = json.breakdown as {
      command?: string;
      pieces: { text: string; kind: string; alsoIn?: string[] }[];
    }[];
    expect(part?.command).toBe("kubectl rollout restart");
    expect(part?.pieces.find((p) => p.text.startsWith("--dry-run"))).toMatchObject({
      kind: "unknown-flag",
      alsoIn: expect.arrayContaining(["kubectl rollout undo"]),
    });
  });

  it('tutor ask "Docker Compose とは" --json answers from the Docker Compose section', async () => {
    const result = await cli("ask", "Docker Compose とは", "--json");
    expect(result.code).toBe(0);
    const json = oneJson(result.stdout);
    expect(json).toMatchObject({ query: "Docker Compose とは", found: true });
    expectResults(json.results);
    expect((json.results as unknown[])[0]).toMatchObject({
      title: "Docker Compose",
      path: ["Docker", "Docker Compose"],
      source: "notes/docker-kubernetes.md#docker-compose",
    });
  });

  it("says found false with no results for what the notes do not cover", async () => {
    for (const args of [
      ["explain", "git", "rebase"],
      ["ask", "how do I bake a cake"],
    ]) {
      const result = await cli(...args, "--json");
      expect(result.code, args.join(" ")).toBe(0);
      const json = oneJson(result.stdout);
      expect(json).toMatchObject({ query: args.slice(1).join(" "), found: false, results: [] });
      expect(Array.isArray(json.suggestions)).toBe(true);
      if (args[0] === "explain") expect(json.resolved).toBeNull();
    }
  });

  it("works through npm run --silent tutor, as other tools call it", async () => {
    const result = await run("npm", [
      "run",
      "--silent",
      "tutor",
      "--",
      "explain",
      "docker",
      "cp",
      "--json",
      "--db",
      db,
    ]);
    expect(result.code).toBe(0);
    expect(oneJson(result.stdout)).toMatchObject({
      query: "docker cp",
      found: true,
      resolved: "docker container cp",
    });
  });
});
