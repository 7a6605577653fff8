import OpenAI from "openai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  clip,
  createOpenAIWriter,
  LIMITS,
  NOT_IN_NOTES,
  summaryOf,
} from "../../../src/core/llm/openai-writer.js";
import type { Passage } from "../../../src/core/llm/types.js";
import { FakeOpenAI, textOf } from "../../fakes/openai.js";

const PASSAGES: Passage[] = [
  {
    path: ["Service について", "NodePort Service"],
    source: "notes/docker-kubernetes.md#nodeport-service",
    text: "NodePort Service はポートを指定してリクエストのルーティングを行うL4レベルの制御しかできない。",
  },
  {
    path: ["Ingress"],
    source: "notes/docker-kubernetes.md#ingress",
    text: "Ingress はパスによる制御などの L7レベルのルーティングが可能である。",
  },
];

const INPUT = { question: "Ingress と NodePort の違い", locale: "ja" as const, passages: PASSAGES };

/** A signal that never fires, for calls that must not be cut short. */
const never = () => new AbortController().signal;

describe("the fake OpenAI server, through the real openai client", () => {
  let fake: FakeOpenAI;
  beforeAll(async () => {
    fake = await FakeOpenAI.start({ apiKey: "sk-test" });
  });
  afterAll(() => fake.close());
  afterEach(() => fake.reset({ apiKey: "sk-test" }));

  it("answers chat completions in the real shape", async () => {
    const client = new OpenAI({ baseURL: fake.baseURL, apiKey: "sk-test", maxRetries: 0 });
    const c = await client.chat.completions.create({
      model: "fake-model",
      messages: [{ role: "user", content: "hello" }],
    });
    expect(c.object).toBe("chat.completion");
    expect(c.model).toBe("fake-model");
    expect(c.choices[0]?.message).toMatchObject({ role: "assistant", content: expect.any(String) });
    expect(c.choices[0]?.finish_reason).toBe("stop");
    expect(c.usage?.total_tokens).toBeGreaterThan(0);
  });

  it("rejects a wrong key with 401, as the real API does", async () => {
    const client = new OpenAI({ baseURL: fake.baseURL, apiKey: "sk-wrong", maxRetries: 0 });
    await expect(
      client.chat.completions.create({ model: "m", messages: [{ role: "user", content: "x" }] }),
    ).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  });

  it("rejects a request without messages with 400", async () => {
    const client = new OpenAI({ baseURL: fake.baseURL, apiKey: "sk-test", maxRetries: 0 });
    await expect(client.chat.completions.create({ model: "m", messages: [] })).rejects.toBeInstanceOf(
      OpenAI.BadRequestError,
    );
  });
});

describe("createOpenAIWriter", () => {
  let fake: FakeOpenAI;
  beforeAll(async () => {
    fake = await FakeOpenAI.start();
  });
  afterAll(() => fake.close());
  afterEach(() => fake.reset());

  const writer = (options: { apiKey?: string; timeoutMs?: number } = {}) =>
    createOpenAIWriter({ baseURL: fake.baseURL, model: "notes-model", apiKey: "sk-secret", ...options });

  it("sends the model, the bearer key, the grounding rules and the numbered passages with their sources", async () => {
    const answer = await writer().compose(INPUT, never());
    expect(answer).toBe("This is the fake model's answer [1].");

    expect(fake.completions).toHaveLength(1);
    const request = fake.completions[0]!;
    expect(request.method).toBe("POST");
    expect(request.headers.authorization).toBe("Bearer sk-secret");
    expect(request.headers["content-type"]).toContain("application/json");
    expect(request.body.model).toBe("notes-model");
    expect(request.body.stream).toBeFalsy();

    const [system, user, ...rest] = request.body.messages ?? [];
    expect(rest).toEqual([]);
    expect(system?.role).toBe("system");
    const rules = textOf(system);
    expect(rules).toContain("ONLY from the numbered passages");
    expect(rules).toMatch(/English or Japanese/);
    expect(rules).toMatch(/at most 3 short sentences/);
    expect(rules).toContain(NOT_IN_NOTES);
    expect(rules).toMatch(/Never invent commands, flags/);
    expect(rules).toMatch(/[Cc]ite the passage/);

    expect(user?.role).toBe("user");
    const prompt = textOf(user);
    expect(prompt).toContain("Ingress と NodePort の違い");
    expect(prompt).toContain("Japanese");
    expect(prompt).toContain(
      "[1] Service について › NodePort Service (notes/docker-kubernetes.md#nodeport-service)",
    );
    expect(prompt).toContain("[2] Ingress (notes/docker-kubernetes.md#ingress)");
    expect(prompt).toContain(PASSAGES[0]!.text);
    expect(prompt).toContain(PASSAGES[1]!.text);
    expect(prompt.indexOf("[1]")).toBeLessThan(prompt.indexOf("[2]"));
  });

  it("asks for English when the asker's locale is en", async () => {
    await writer().compose({ ...INPUT, locale: "en" }, never());
    const prompt = textOf(fake.completions[0]?.body.messages?.[1]);
    expect(prompt).toContain("answer in English");
  });

  it("sends a bearer key of its own when none is configured (local servers need none)", async () => {
    await createOpenAIWriter({ baseURL: fake.baseURL, model: "m" }).compose(INPUT, never());
    expect(fake.completions[0]?.headers.authorization).toBe("Bearer none");
  });

  it("bounds each passage and all of them together", async () => {
    const long = "あ".repeat(10_000);
    const many = Array.from({ length: 8 }, (_, i) => ({ path: [`S${i}`], source: `n.md#s${i}`, text: long }));
    await writer().compose({ ...INPUT, passages: many }, never());
    const prompt = textOf(fake.completions[0]?.body.messages?.[1]);
    const kana = prompt.match(/あ/g)?.length ?? 0;
    expect(kana).toBeLessThanOrEqual(LIMITS.totalChars);
    expect(prompt).not.toContain(`[${LIMITS.passages + 1}]`);
    expect(prompt).toContain("…");
  });

  it("returns the reply trimmed and bounded", async () => {
    fake.reply = `  ${"Ingress routes by path [2]. ".repeat(100)}  `;
    const answer = await writer().compose(INPUT, never());
    expect(answer).not.toBeNull();
    expect(Array.from(answer!).length).toBeLessThanOrEqual(LIMITS.answerChars);
    expect(answer!.startsWith("Ingress routes by path [2].")).toBe(true);
    expect(answer!.endsWith("…")).toBe(true);
  });

  it.each([
    NOT_IN_NOTES,
    "Not in the notes.",
    "not in the notes — the passages talk about something else",
    "",
    "   ",
    null,
  ])("returns null when the model says the notes do not cover it or says nothing: %j", async (reply) => {
    fake.reply = reply;
    expect(await writer().compose(INPUT, never())).toBeNull();
  });

  it("never calls the model without passages", async () => {
    expect(await writer().compose({ ...INPUT, passages: [] }, never())).toBeNull();
    expect(fake.requests).toHaveLength(0);
  });

  it("is aborted by the caller's signal when the server is slow, at once and without a retry", async () => {
    fake.delayMs = 30_000;
    const started = performance.now();
    await expect(writer().compose(INPUT, AbortSignal.timeout(150))).rejects.toBeInstanceOf(
      OpenAI.APIUserAbortError,
    );
    expect(performance.now() - started).toBeLessThan(2000);
    expect(fake.completions).toHaveLength(1);
    await expect.poll(() => fake.completions[0]?.aborted).toBe(true);
  });

  it("gives up by itself after its own timeout, whatever the signal", async () => {
    fake.delayMs = 30_000;
    const started = performance.now();
    await expect(writer({ timeoutMs: 150 }).compose(INPUT, never())).rejects.toBeInstanceOf(
      OpenAI.APIConnectionTimeoutError,
    );
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("rejects on HTTP 500, without retrying", async () => {
    fake.status = 500;
    await expect(writer().compose(INPUT, never())).rejects.toBeInstanceOf(OpenAI.InternalServerError);
    expect(fake.completions).toHaveLength(1);
  });

  it("rejects on a malformed body", async () => {
    fake.malformed = true;
    await expect(writer().compose(INPUT, never())).rejects.toBeInstanceOf(SyntaxError);
  });
});

describe("summaryOf and clip", () => {
  it("drops a reasoning model's thinking", () => {
    expect(summaryOf("<think>hmm</think>\nIngress works at L7 [2].")).toBe("Ingress works at L7 [2].");
    expect(summaryOf("<think>hmm</think>")).toBeNull();
  });

  it("keeps short text as it is and cuts long text at a word or sentence end", () => {
    expect(clip("short", 10)).toBe("short");
    expect(clip("one two three four five", 12)).toBe("one two…");
    expect(clip("これは文です。これも文です。さらに文です。", 16)).toBe("これは文です。これも文です。…");
    const emoji = clip("😀".repeat(20), 5);
    expect(Array.from(emoji)).toHaveLength(5);
  });
});
