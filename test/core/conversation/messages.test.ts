/**
 * Messages through the tutor: DMs and thread replies carry their conversation, so "and how do I delete it?"
 * after "What is a ReplicaSet?" is answered about deleting a ReplicaSet, and the optional model is told the
 * earlier questions.
 */
import fc from "fast-check";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Invocation } from "../../../src/core/commands/types.js";
import { BUNDLED_NOTES_DIR } from "../../../src/core/config.js";
import type { ChatMessage } from "../../../src/core/conversation/messages.js";
import type { AnswerWriter } from "../../../src/core/llm/types.js";
import type { Reply } from "../../../src/core/reply.js";
import { Tutor } from "../../../src/core/tutor.js";
import { allText, notesOf, openTestTutor, type TestTutor, tempDir } from "../../helpers/tutor.js";

const ctx: Invocation = {
  platform: "slack",
  workspaceId: "T1",
  channelId: "D1",
  userId: "U1",
  locale: "en",
  isAdmin: false,
};
const dm = (text: string, threadId = ""): ChatMessage => ({
  text,
  direct: true,
  mentioned: false,
  conversation: { platform: "slack", workspaceId: "T1", channelId: "D1", threadId },
});
const pathOf = (r: Reply | null) => r?.citations[0]?.path.join(" › ");

describe("conversations through the tutor", () => {
  let env: TestTutor;
  beforeAll(() => {
    env = openTestTutor({ name: "conversation" });
  });
  afterAll(() => env.close());

  it("answers a follow-up with a pronoun from the previous question's subject, and says how it read it", async () => {
    const first = await env.tutor.message(ctx, dm("What is a ReplicaSet?"));
    expect(pathOf(first)).toBe("Kubernetes › ReplicaSet");
    const follow = await env.tutor.message(ctx, dm("and how do I delete it?"));
    expect(follow?.notFound).toBeUndefined();
    expect(pathOf(follow)).toBe("Kubernetes › ReplicaSet");
    expect(notesOf(follow as Reply)[0]).toBe("Following the thread: read as “how do I delete ReplicaSet?”.");
    expect(allText(follow as Reply)).toMatch(/削除|delete/);
    expect(follow?.ephemeral).toBe(false);
  });

  it("gives an answer in a DM the same 👍/👎, and a not-covered one the Request a note button", async () => {
    const answered = await env.tutor.message(ctx, dm("What is a Pod?", "votes"));
    expect(answered?.choices.map((c) => c.id).filter((id) => id.startsWith("fb:"))).toHaveLength(2);
    const missing = await env.tutor.message(ctx, dm("How do I install Helm charts?", "votes-miss"));
    expect(missing?.notFound).toBe(true);
    expect(missing?.choices.length).toBeGreaterThan(0);
  });

  it("reads the same follow-up alone (another conversation) without that subject", async () => {
    const alone = await env.tutor.message(ctx, dm("and how do I delete it?", "another-thread"));
    expect(notesOf(alone as Reply).some((n) => n.startsWith("Following the thread"))).toBe(false);
    expect(pathOf(alone)).not.toBe("Kubernetes › ReplicaSet");
  });

  it("follows Japanese too: それを削除するには？", async () => {
    await env.tutor.message({ ...ctx, locale: "ja" }, dm("ReplicaSet とは", "ja"));
    const follow = await env.tutor.message({ ...ctx, locale: "ja" }, dm("それを削除するには？", "ja"));
    expect(pathOf(follow)).toBe("Kubernetes › ReplicaSet");
    expect(notesOf(follow as Reply)[0]).toContain("ReplicaSetを削除するには？");
  });

  it("runs a command typed in a DM, without a Share button (a DM is private by nature)", async () => {
    const r = await env.tutor.message(ctx, dm("explain docker cp"));
    expect(r?.title).toBe("docker container cp");
    expect(r?.choices.some((c) => c.id.startsWith("share:"))).toBe(false);
    const slash = await env.tutor.runForChat({ ...ctx, direct: true }, ["ask"], {
      question: "What is a Pod?",
    });
    expect(slash.choices.some((c) => c.id.startsWith("share:"))).toBe(false);
  });
});

describe("any message", () => {
  let env: TestTutor;
  beforeAll(() => {
    env = openTestTutor({ name: "conversation-property" });
  });
  afterAll(() => env.close());

  it("never throws: an answer or silence, for any text, in a DM, a mention or a channel", async () => {
    const terminal: Invocation = { ...ctx, platform: "terminal" };
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 600 }),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom("a", "b"),
        async (text, direct, mentioned, threadId) => {
          const r = await env.tutor.message(terminal, {
            text,
            direct,
            mentioned,
            conversation: { platform: "terminal", workspaceId: "local", channelId: "D1", threadId },
          });
          expect(r === null || Array.isArray(r.blocks)).toBe(true);
          if (direct || mentioned) expect(r).not.toBeNull();
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("the optional model in a conversation", () => {
  const seen: { question: string; history?: readonly string[] }[] = [];
  const writer: AnswerWriter = {
    async compose(input) {
      seen.push({ question: input.question, ...(input.history ? { history: input.history } : {}) });
      return `Summary for ${input.question}`;
    },
  };
  const tmp = tempDir("conversation-llm");
  const tutor = Tutor.open({
    dbFile: `${tmp.dir}/tutor.sqlite`,
    notesDir: BUNDLED_NOTES_DIR,
    logger: pino({ level: "silent" }),
    writer,
  });
  afterAll(() => {
    tutor.close();
    tmp.cleanup();
  });

  it("is told the earlier questions of the thread, and none outside one", async () => {
    await tutor.message(ctx, dm("What is a ReplicaSet?", "llm"));
    await tutor.message(ctx, dm("and how do I delete it?", "llm"));
    await tutor.runCommand(ctx, ["ask"], { question: "What is a Pod?" });
    expect(seen).toEqual([
      { question: "What is a ReplicaSet?" },
      { question: "how do I delete ReplicaSet?", history: ["What is a ReplicaSet?"] },
      { question: "What is a Pod?" },
    ]);
  });
});
