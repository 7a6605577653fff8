/**
 * Text the bot did not write — a member's name, the notes — never becomes a Slack control sequence
 * (`<url|text>`, `<!channel>`, `<@U…>`) on the public leaderboard or in /ask: through the real Slack
 * surface against the fake Slack.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_NOTES_DIR } from "../../../src/core/config.js";
import { buttonIdsOf, expectSafe, SECRET, type SlackHarness, startSlackHarness, textsOf } from "./harness.js";

const MALLORY = {
  id: "U0MALLORY1",
  name: "mallory",
  display_name: "<https://evil.example|Free Nitro> <!channel> [x](https://x.co)",
};
const CHANNEL = "C0HOSTILE1";

const HOSTILE_NOTES = `# Accounts

## Password reset

A password reset link is sent by mail: <https://evil.example/reset|Reset your password> is what the mail
says, and &lt;!here&gt; is spam.
`;

let h: SlackHarness;
let notesDir: string;

beforeAll(async () => {
  notesDir = fs.mkdtempSync(path.join(os.tmpdir(), "hostile-slack-notes-"));
  fs.writeFileSync(path.join(notesDir, "accounts.md"), HOSTILE_NOTES);
  fs.copyFileSync(
    path.join(BUNDLED_NOTES_DIR, "docker-kubernetes.md"),
    path.join(notesDir, "docker-kubernetes.md"),
  );
  h = await startSlackHarness({ users: [MALLORY], notesDir });
});
afterAll(async () => {
  await h?.close();
  fs.rmSync(notesDir, { recursive: true, force: true });
});

async function slash(command: string, text = "") {
  const res = await h.fake.sendSlashCommand(h.url, SECRET, {
    command,
    text,
    user_id: MALLORY.id,
    user_name: MALLORY.name,
    channel_id: CHANNEL,
  });
  expect(res.status).toBe(200);
  await h.fake.waitForResponse(res.responseUrlId ?? "");
  const [post] = h.fake.responsesFor(res.responseUrlId ?? "");
  return post?.body as Record<string, unknown>;
}

describe("hostile text on Slack", () => {
  it("shows a hostile display name on the public leaderboard as text", async () => {
    const quiz = await slash("/quiz");
    const [choice = ""] = buttonIdsOf(quiz);
    const answer = await h.fake.sendBlockAction(h.url, SECRET, {
      action_id: choice,
      value: choice,
      user_id: MALLORY.id,
      user_name: MALLORY.name,
      channel_id: CHANNEL,
      ephemeral: false,
      message_blocks: quiz.blocks as unknown[],
    });
    expect(answer.status).toBe(200);
    await expect.poll(() => h.fake.responsesFor(answer.responseUrlId ?? "").length).toBeGreaterThan(0);

    const board = await slash("/leaderboard");
    expectSafe(board);
    const text = textsOf(board).join("\n");
    expect(text).toContain("&lt;https://evil.example|Free Nitro&gt; &lt;!channel&gt;");
  });

  it("quotes hostile notes in /ask as text, entities escaped again", async () => {
    const answer = await slash("/ask", "how is a password reset link sent");
    expectSafe(answer);
    const text = textsOf(answer).join("\n");
    expect(text).toContain("Reset your password");
    expect(text).not.toMatch(/<https?:/);
  });
});
