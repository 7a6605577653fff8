import path from "node:path";
import { Writable } from "node:stream";
import pino from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_NOTES_DIR } from "../../../src/core/config.js";
import { t } from "../../../src/core/i18n.js";
import { createOpenAIWriter } from "../../../src/core/llm/openai-writer.js";
import type { AnswerWriter } from "../../../src/core/llm/types.js";
import type { Reply } from "../../../src/core/reply.js";
import { Tutor } from "../../../src/core/tutor.js";
import { FakeOpenAI, textOf } from "../../fakes/openai.js";
import { invocation, notesOf, tempDir, textsOf } from "../../helpers/tutor.js";

const QUESTION = "Ingress と NodePort の違い";
const DIFFERENCE =
  "NodePort Service と Ingress の違いは、NodePort Service はポートを指定してリクエストのルーティングを行うL4レベルの制御しかできないのに対し、Ingress はパスによる制御などの L7レベルのルーティングが可能である点である。";
const SUMMARY = "NodePort は L4、Ingress はパスによる L7 のルーティングができます [1]。";

/** A logger that keeps its JSON lines, to see the warnings. */
function capturingLogger() {
  const lines: { level: number; msg: string }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString("utf8").split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: "warn" }, stream), lines };
}

function openTutor(name: string, writer?: AnswerWriter) {
  const tmp = tempDir(name);
  const { logger, lines } = capturingLogger();
  const tutor = Tutor.open({
    dbFile: path.join(tmp.dir, "tutor.sqlite"),
    notesDir: BUNDLED_NOTES_DIR,
    logger,
    writer,
  });
  return {
    tutor,
    lines,
    close: () => {
      tutor.close();
      tmp.cleanup();
    },
  };
}

describe("/ask with the optional language model (a fake OpenAI-compatible server)", () => {
  let fake: FakeOpenAI;
  /** The writer the tutor uses, replaced per test (e.g. with a short timeout). */
  let current: AnswerWriter;
  let withLlm: ReturnType<typeof openTutor>;
  let withoutLlm: ReturnType<typeof openTutor>;
  let baseline: Reply;

  const writer = (timeoutMs?: number) =>
    createOpenAIWriter({
      baseURL: fake.baseURL,
      apiKey: "sk-test",
      model: "notes-model",
      ...(timeoutMs ? { timeoutMs } : {}),
    });
  const ask = (tutor: Tutor, question: string, locale: "en" | "ja" = "ja") =>
    tutor.runCommand(invocation(locale), ["ask"], { question });

  beforeAll(async () => {
    fake = await FakeOpenAI.start({ apiKey: "sk-test" });
    current = writer();
    withLlm = openTutor("ask-llm", { compose: (input, signal) => current.compose(input, signal) });
    withoutLlm = openTutor("ask-no-llm");
    baseline = await ask(withoutLlm.tutor, QUESTION);
  });
  afterAll(async () => {
    withLlm?.close();
    withoutLlm?.close();
    await fake?.close();
  });
  afterEach(() => {
    fake.reset({ apiKey: "sk-test" });
    current = writer();
    withLlm.lines.length = 0;
  });

  it("works without any writer, which is the default: the notes' answer, no summary", () => {
    expect(withoutLlm.tutor.writer).toBeUndefined();
    expect(baseline.notFound).toBeUndefined();
    expect(baseline.title).toBe("NodePort Service");
    expect(textsOf(baseline)[0]).toContain(DIFFERENCE);
    expect(baseline.citations[0]?.source).toBe("notes/docker-kubernetes.md#nodeport-service");
    expect(notesOf(baseline).some((n) => n.startsWith(t("ja", "llmSummary")))).toBe(false);
  });

  it("puts the model's summary first, marked, and keeps the notes' passage and citation", async () => {
    fake.reply = SUMMARY;
    const r = await ask(withLlm.tutor, QUESTION);

    expect(r.blocks[0]).toEqual({ type: "note", tone: "info", text: `${t("ja", "llmSummary")}\n${SUMMARY}` });
    // Everything of the answer without the model is still there, after the summary.
    expect(r.blocks.slice(1)).toEqual(baseline.blocks);
    expect(r.citations).toEqual(baseline.citations);
    expect(r.title).toBe(baseline.title);
    expect(textsOf(r)[0]).toContain(DIFFERENCE);

    // The model was asked once, with the passage the notes answer from.
    expect(fake.completions).toHaveLength(1);
    const request = fake.completions[0]!;
    expect(request.body.model).toBe("notes-model");
    expect(request.apiKey).toBe("sk-test");
    const prompt = textOf(request.body.messages?.[1]);
    expect(prompt).toContain(QUESTION);
    expect(prompt).toContain("notes/docker-kubernetes.md#nodeport-service");
    expect(prompt).toContain("L7レベルのルーティング");
    expect(prompt).toContain("Japanese");
  });

  it("answers from the notes alone when the model says the notes do not cover it", async () => {
    fake.reply = "NOT IN THE NOTES";
    const r = await ask(withLlm.tutor, QUESTION);
    expect(r).toEqual(baseline);
    expect(fake.completions).toHaveLength(1);
  });

  it("answers exactly as without the model when it fails with HTTP 500, and logs a warning", async () => {
    fake.status = 500;
    const r = await ask(withLlm.tutor, QUESTION);
    expect(r).toEqual(baseline);
    expect(fake.completions).toHaveLength(1);
    expect(withLlm.lines.some((l) => l.level === 40 && /language model failed/.test(l.msg))).toBe(true);
  });

  it("answers exactly as without the model when its answer is malformed", async () => {
    fake.malformed = true;
    expect(await ask(withLlm.tutor, QUESTION)).toEqual(baseline);
  });

  it("answers exactly as without the model, promptly, when the model is too slow", async () => {
    current = writer(200);
    fake.delayMs = 30_000;
    const started = performance.now();
    const r = await ask(withLlm.tutor, QUESTION);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(r).toEqual(baseline);
    expect(fake.completions).toHaveLength(1);
    await expect.poll(() => fake.completions[0]?.aborted).toBe(true);
  });

  it.each(["how do I bake a cake", "Terraform とは", "What is a StatefulSet"])(
    "never calls the model for a question the notes do not cover: %s",
    async (q) => {
      const r = await ask(withLlm.tutor, q, "en");
      expect(r.notFound).toBe(true);
      expect(fake.requests).toHaveLength(0);
      expect(r).toEqual(await ask(withoutLlm.tutor, q, "en"));
    },
  );

  it("never calls the model for /explain", async () => {
    const r = await withLlm.tutor.runCommand(invocation("en"), ["explain"], { command: "docker cp" });
    expect(r.notFound).toBeUndefined();
    expect(fake.requests).toHaveLength(0);
  });
});

describe("what the language model is given for a how-to question", () => {
  let fake: FakeOpenAI;
  let env: ReturnType<typeof openTutor>;
  beforeAll(async () => {
    fake = await FakeOpenAI.start({ apiKey: "sk-test" });
    env = openTutor(
      "ask-llm-code",
      createOpenAIWriter({ baseURL: fake.baseURL, apiKey: "sk-test", model: "notes-model" }),
    );
  });
  afterAll(async () => {
    env?.close();
    await fake?.close();
  });

  it("sends the notes' command lines as code, with the prose around them", async () => {
    const r = await env.tutor.runCommand(invocation("en"), ["ask"], {
      question: "how do I see logs of a pod",
    });
    expect(r.notFound).toBeUndefined();
    const request = fake.requests.at(-1);
    const user = textOf(request?.body.messages?.find((m) => m.role === "user"));
    expect(user).toContain("kubectl logs -f simple-echo");
    // As a fenced block, next to the section's own sentences.
    expect(user).toMatch(/```\n(?:[^`]*\n)?\$ kubectl logs -f simple-echo/);
    expect(user).toContain("コンテナの集合体の単位");
    // The answer's own section comes first.
    expect(user.indexOf("[1] Kubernetes › Pod")).toBeGreaterThanOrEqual(0);
  });
});
