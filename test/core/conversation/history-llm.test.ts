/**
 * With the optional language model, a follow-up's earlier questions reach it: through the real `openai`
 * client against the fake OpenAI-compatible server, the user message lists them before the question.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_NOTES_DIR } from "../../../src/core/config.js";
import { createOpenAIWriter } from "../../../src/core/llm/openai-writer.js";
import { reply } from "../../../src/core/reply.js";
import { Tutor } from "../../../src/core/tutor.js";
import { FakeOpenAI, textOf } from "../../fakes/openai.js";
import { invocation, notesOf, silentLogger, tempDir } from "../../helpers/tutor.js";

describe("the conversation's history to the language model", () => {
  let fake: FakeOpenAI;
  let tutor: Tutor;
  const tmp = tempDir("history-llm");
  beforeAll(async () => {
    fake = await FakeOpenAI.start({ reply: "Delete it with kubectl delete [1]." });
    tutor = Tutor.open({
      dbFile: path.join(tmp.dir, "tutor.sqlite"),
      notesDir: BUNDLED_NOTES_DIR,
      logger: silentLogger,
      writer: createOpenAIWriter({ baseURL: fake.baseURL, model: "notes-model" }),
    });
  });
  afterAll(async () => {
    tutor.close();
    await fake.close();
    tmp.cleanup();
  });

  it("lists the earlier questions, oldest first, before the follow-up as read", async () => {
    const ctx = invocation();
    const conversation = {
      platform: "terminal",
      workspaceId: "local",
      channelId: "terminal",
      threadId: "llm",
    };
    await tutor.message(ctx, { text: "What is a ReplicaSet?", direct: true, mentioned: false, conversation });
    const follow = await tutor.message(ctx, {
      text: "and how do I delete it?",
      direct: true,
      mentioned: false,
      conversation,
    });
    const [first, second] = fake.completions;
    expect(textOf(first?.body.messages?.[1])).not.toContain("Earlier questions");
    const user = textOf(second?.body.messages?.[1]);
    expect(user).toContain(
      "Earlier questions in this conversation, oldest first:\n- What is a ReplicaSet?\n\nQuestion (answer in English): how do I delete ReplicaSet?",
    );
    expect(notesOf(follow ?? reply({})).join("\n")).toContain("Delete it with kubectl delete [1].");
  });
});
