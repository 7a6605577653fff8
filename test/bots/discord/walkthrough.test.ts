/**
 * A new member's first minutes with the tutor on Discord, asserted on the exact callbacks and requests
 * Discord received: /help, /explain with autocomplete, Share, /ask, /quiz and an answer.
 */
import { MessageFlags } from "discord.js";
import { afterAll, beforeAll, expect, it } from "vitest";
import { isGroup } from "../../../src/core/commands/types.js";
import { callbackOf, type Harness, startHarness } from "./harness.js";

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const envelope = { tts: false, enforce_nonce: false, allowed_mentions: { parse: [] } };
const shareButton = {
  type: 1,
  components: [
    { type: 2, custom_id: expect.stringMatching(/^share:[\w-]{8,32}$/), label: "Share to channel", style: 2 },
    // Feedback on the answer (src/core/feedback).
    { type: 2, custom_id: expect.stringMatching(/^fb:[\w-]{8,32}:up$/), label: "👍 Helpful", style: 2 },
    { type: 2, custom_id: expect.stringMatching(/^fb:[\w-]{8,32}:down$/), label: "👎 Not helpful", style: 2 },
  ],
};

it("walks a new member through /help, /explain (with autocomplete), Share, /ask, /quiz and an answer", async () => {
  const { fake, tutor } = h;
  const nina = fake.memberJoin({ username: "nina" }).user?.id ?? "";
  const as = { user: nina };
  const callbacks: number[] = [];

  // 1. /help: what the tutor can do, privately; no admin command for a member without Manage Server.
  const help = fake.slashCommand({ name: "help", ...as });
  const helpCb = await callbackOf(fake, help.id);
  callbacks.push(helpCb.type);
  expect(helpCb.body).toEqual({
    type: 4,
    data: {
      ...envelope,
      embeds: [{ title: "notes-tutor: what I can do", description: expect.any(String), color: 0x5865f2 }],
      components: [],
      flags: MessageFlags.Ephemeral,
    },
  });
  const helpText = (helpCb.body as { data: { embeds: { description: string }[] } }).data.embeds[0]
    ?.description;
  for (const c of tutor.commands) {
    // Parentheses are escaped on Discord (they could close a masked link).
    const line = `• \`/${c.name}\`${isGroup(c) ? ` \\(${c.subcommands.map((s) => s.name).join(", ")}\\)` : ""}: `;
    if (c.admin) expect(helpText).not.toContain(line);
    else expect(helpText).toContain(line);
  }

  // 2. Typing /explain docker c: suggestions from the notes, answered at once.
  const typing = fake.autocomplete({ name: "explain", focused: "command", value: "docker c", ...as });
  const suggestions = await callbackOf(fake, typing.id);
  callbacks.push(suggestions.type);
  expect(suggestions.elapsedMs).toBeLessThan(1000);
  const choices = (suggestions.body as { data: { choices: { name: string; value: string }[] } }).data.choices;
  expect(choices.length).toBeLessThanOrEqual(25);
  const picked = choices.find((c) => c.value === "docker container cp");
  expect(picked).toEqual({ name: "docker container cp", value: "docker container cp" });

  // 3. /explain docker container cp: the notes' section, privately, with its source and a Share button.
  const explain = fake.slashCommand({ name: "explain", options: { command: picked?.value ?? "" }, ...as });
  const explainCb = await callbackOf(fake, explain.id);
  callbacks.push(explainCb.type);
  const footer =
    "Source: Docker › 起動しているコンテナに対して実行できるコマンド › cp (notes/docker-kubernetes.md#cp)";
  expect(explainCb.body).toEqual({
    type: 4,
    data: {
      ...envelope,
      embeds: [
        {
          title: "docker container cp",
          author: { name: "📖 Copy files or folders between a container and the host" },
          description: expect.stringMatching(
            /^起動しているコンテナとホストOS間でファイルの受け渡しができます。[\s\S]*\n\n```sh\n\$ docker container cp <コンテナIDまたはコンテナ名>:<コピーするファイルのパス> <ホストのコピー先のパス>\n```/,
          ),
          color: 0x5865f2,
          footer: { text: footer },
        },
      ],
      components: [shareButton],
      flags: MessageFlags.Ephemeral,
    },
  });
  const shareId = (explainCb.body as { data: { components: { components: { custom_id: string }[] }[] } }).data
    .components[0]?.components[0]?.custom_id;

  // 4. Share: the same answer, public in the channel and credited; a private confirmation.
  const since = fake.requests.length;
  const share = fake.buttonClick({ customId: shareId ?? "", ...as });
  const shareCb = await callbackOf(fake, share.id);
  callbacks.push(shareCb.type);
  expect(shareCb.body).toEqual({
    type: 4,
    data: {
      ...envelope,
      embeds: [{ description: "✅ Shared to the channel.", color: 0x57f287 }],
      components: [],
      flags: MessageFlags.Ephemeral,
    },
  });
  const shared = fake.requests
    .slice(since)
    .find((r) => r.method === "POST" && r.path === `/channels/${fake.channelId}/messages`);
  expect(shared?.body).toEqual({
    ...envelope,
    embeds: [
      {
        title: "docker container cp",
        author: { name: "📖 Copy files or folders between a container and the host · Shared by nina" },
        description: (explainCb.body as { data: { embeds: { description: string }[] } }).data.embeds[0]
          ?.description,
        color: 0x5865f2,
        footer: { text: footer },
      },
    ],
    components: [],
  });

  // 5. /ask: an answer from the notes, with its source.
  const ask = fake.slashCommand({ name: "ask", options: { question: "Docker Compose とは" }, ...as });
  const askCb = await callbackOf(fake, ask.id);
  callbacks.push(askCb.type);
  expect(askCb.body).toEqual({
    type: 4,
    data: {
      ...envelope,
      embeds: [
        {
          title: "Docker Compose",
          author: { name: "Docker › Docker Compose" },
          description: expect.stringContaining("Docker Compose は yaml 形式で実行するコンテナを定義したり"),
          color: 0x5865f2,
          footer: { text: "Source: Docker › Docker Compose (notes/docker-kubernetes.md#docker-compose)" },
        },
      ],
      components: [shareButton],
      flags: MessageFlags.Ephemeral,
    },
  });

  // 6. /quiz and an answer: a public question, one button per choice; the click updates its count.
  if (tutor.find(["quiz"])) {
    const quiz = fake.slashCommand({ name: "quiz", ...as });
    const quizCb = await callbackOf(fake, quiz.id);
    callbacks.push(quizCb.type);
    const data = (
      quizCb.body as {
        data: {
          embeds: { title?: string; description: string }[];
          components: { components: { custom_id: string }[] }[];
          flags?: number;
        };
      }
    ).data;
    expect(quizCb.body).toMatchObject({ type: 4, data: { ...envelope, embeds: [{ title: "Quiz" }] } });
    expect(data.flags).toBeUndefined();
    expect(data.embeds.at(-1)?.description).toMatch(/0 answered$/);
    const buttons = data.components.flatMap((r) => r.components);
    const postId = buttons[0]?.custom_id.split(":")[1];
    expect(buttons.map((b) => b.custom_id)).toEqual(buttons.map((_, i) => `quiz:${postId}:${i}`));

    const answer = fake.buttonClick({ customId: buttons[0]?.custom_id ?? "", ...as });
    const answerCb = await callbackOf(fake, answer.id);
    callbacks.push(answerCb.type);
    expect(answerCb.body).toMatchObject({
      type: 7,
      data: {
        ...envelope,
        embeds: data.embeds.map((e, i, all) =>
          i === all.length - 1 ? { ...e, description: expect.stringMatching(/1 answered$/) } : e,
        ),
        components: data.components,
      },
    });
    const result = await fake.waitForRequest("POST", `/webhooks/${fake.applicationId}/${answer.token}`);
    expect(result.body).toMatchObject({
      ...envelope,
      flags: MessageFlags.Ephemeral,
      embeds: [{ description: expect.stringMatching(/^(✅|❌) /) }],
    });
  }

  expect(callbacks).toEqual(tutor.find(["quiz"]) ? [4, 8, 4, 4, 4, 4, 7] : [4, 8, 4, 4, 4]);
  // Every callback came within Discord's 3 seconds, and Discord found nothing to refuse.
  for (const cb of fake.callbacks) expect(cb.elapsedMs).toBeLessThan(3000);
  fake.assertNoErrors();
});
