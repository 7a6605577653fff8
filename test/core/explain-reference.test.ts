import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { explainReply } from "../../src/core/answers/explain.js";
import type { Reply } from "../../src/core/reply.js";
import type { Tutor } from "../../src/core/tutor.js";
import { ENGLISH_ONLY_JA } from "../../src/knowledge/catalog/merge.js";
import { fieldsOf, invocation, openTestTutor, type TestTutor, textsOf } from "../helpers/tutor.js";

// /explain of lines from outside the notes: every part explained from the command reference.

let env: TestTutor;
let tutor: Tutor;
beforeAll(() => {
  env = openTestTutor({ name: "explain-reference-test" });
  tutor = env.tutor;
});
afterAll(() => env.close());

const explain = (line: string, locale: "en" | "ja" = "en"): Reply =>
  explainReply(tutor, invocation(locale), line);

const field = (r: Reply, name: string) => fieldsOf(r).find((f) => f.name === name);

describe("a whole pasted line", () => {
  const line = "sudo docker run --gpus all --shm-size=1g -e FOO=bar --restart unless-stopped nginx | tee log";

  it("explains every flag and names the program it is piped into", () => {
    const r = explain(line);
    expect(r.title).toBe("docker container run");
    for (const [name, meaning] of [
      ["--gpus = `all`", /GPU/i],
      ["--shm-size = `1g`", /shm/],
      ["-e = `FOO=bar`", /environment/i],
      ["--restart = `unless-stopped`", /restart/i],
      ["nginx", /IMAGE/],
    ] as const)
      expect(field(r, name)?.value, name).toMatch(meaning);
    expect(field(r, "tee log")?.value).toBe("`tee`: not a docker or kubectl command");
    expect(field(r, "sudo")?.value).toMatch(/as root/);
    expect(fieldsOf(r).some((f) => f.value.includes("❓"))).toBe(false);
  });

  it("answers for the notes as before: found, resolved to the canonical command", () => {
    const { response } = tutor.index.explain(line);
    expect(response.found).toBe(true);
    expect(response.resolved).toBe("docker container run");
  });

  it("breaks down each command of a chain and tells pasted output apart", () => {
    const r = explain("docker build -t app . && docker network ls --quiet");
    expect(field(r, "docker network ls")?.value).toContain("docker network ls");
    expect(field(r, "--quiet")).toBeDefined();
    const undo = explain('kubectl rollout undo deployment echo\ndeployment "echo" rolled back');
    expect(field(undo, 'deployment "echo" rolled back')?.value).toMatch(/output/);
  });
});

describe("a command the notes do not cover", () => {
  it("kubectl rollout restart … --dry-run=client: found false, and --dry-run is not a flag of rollout restart", () => {
    const line = "kubectl rollout restart deployment web --dry-run=client";
    const { response } = tutor.index.explain(line);
    expect(response.found).toBe(false);
    expect(response.resolved).toBe("kubectl rollout restart deployments");
    const r = explain(line);
    expect(r.notFound).toBe(true);
    expect(textsOf(r)).toContain("Piece by piece from the command reference (not your notes):");
    expect(field(r, "deployment")?.value).toMatch(/Deployment/);
    expect(field(r, "web")?.value).toMatch(/NAME/);
    const dryRun = field(r, "--dry-run")?.value ?? "";
    expect(dryRun).toContain("not a flag of `kubectl rollout restart`");
    expect(dryRun).toContain("`kubectl rollout undo` has it.");
  });

  it("docker network ls --quiet: every flag explained from the reference", () => {
    const r = explain("docker network ls --quiet --no-trunc");
    expect(r.notFound).toBe(true);
    expect(field(r, "--quiet")?.value).toMatch(/^📖 /);
    expect(field(r, "--no-trunc")?.value).toMatch(/^📖 /);
  });

  it("shows the English one-liner, marked, in a Japanese reply where no Japanese one was written", () => {
    const r = explain("docker compose watch --no-up", "ja");
    expect(field(r, "--no-up")?.value).toContain(ENGLISH_ONLY_JA);
    expect(textsOf(r)).toContain("コマンドリファレンスによる要素ごとの説明 (ノート外):");
  });

  it("names the buildx flag that docker image build does not have", () => {
    const r = explain("docker build --ssh default .");
    expect(field(r, "--ssh")?.value).toContain("`docker buildx build` has it.");
  });
});
