/**
 * Feedback, the gaps report and a notes push on Slack, end to end against the fake Slack over HTTP: 👍 then
 * a changed vote with a reason, a "Request a note" listed by /tutor gaps, and a git push answered from
 * without a restart.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureCloneSync } from "../../../src/core/notes-sync/git.js";
import { tempDir } from "../../helpers/tutor.js";
import { notesRepository, QUESTION, widgetNote } from "../../core/notes-sync/helpers.js";
import { buttonIdsOf, headerOf, SECRET, type SlackHarness, startSlackHarness, textsOf } from "./harness.js";

const LEARNER = { id: "U0LEARNER1", name: "learner" };
const ADMIN = { id: "U0ADMIN001", name: "lead" };
const CHANNEL = "C0FEEDBACK";

type Obj = Record<string, unknown>;

async function slash(h: SlackHarness, user: { id: string; name: string }, command: string, text: string) {
  const res = await h.fake.sendSlashCommand(h.url, SECRET, {
    command,
    text,
    user_id: user.id,
    user_name: user.name,
    channel_id: CHANNEL,
  });
  expect(res.status).toBe(200);
  const [post] = await h.fake
    .waitForResponse(res.responseUrlId!)
    .then(() => h.fake.responsesFor(res.responseUrlId!));
  return (post?.body ?? {}) as Obj;
}

async function press(h: SlackHarness, user: { id: string; name: string }, id: string) {
  const res = await h.fake.sendBlockAction(h.url, SECRET, {
    action_id: id,
    value: id,
    user_id: user.id,
    user_name: user.name,
    channel_id: CHANNEL,
    ephemeral: true,
  });
  expect(res.status).toBe(200);
  expect(res.withinDeadline).toBe(true);
  await expect.poll(() => h.fake.responsesFor(res.responseUrlId!).length).toBeGreaterThan(0);
  return (h.fake.responsesFor(res.responseUrlId!)[0]?.body ?? {}) as Obj;
}

const said = (message: Obj) => textsOf(message).join("\n");

describe("Slack: feedback and the gaps report", () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness({ users: [LEARNER, ADMIN], admins: [ADMIN.id] });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("takes a 👍, then a changed vote with a reason", async () => {
    const answer = await slash(h, LEARNER, "/ask", "how do I copy a file out of a container");
    const ids = buttonIdsOf(answer);
    const up = ids.find((id) => id.endsWith(":up")) ?? "";
    const down = ids.find((id) => id.endsWith(":down")) ?? "";
    expect(ids[0]).toMatch(/^share:/);
    expect(said(answer)).toMatch(/👍 Helpful[\s\S]*👎 Not helpful/);

    expect(said(await press(h, LEARNER, up))).toMatch(/noted as helpful/);
    const changed = await press(h, LEARNER, down);
    expect(said(changed)).toMatch(/now 👎 not helpful/);
    const wrong = buttonIdsOf(changed).find((id) => id.endsWith(":why:wrong")) ?? "";
    expect(said(await press(h, LEARNER, wrong))).toMatch(/reason is noted: Wrong/);
    const answerId = up.split(":")[1] ?? "";
    expect(
      await h.tutor.state.feedback.voteOf({
        platform: "slack",
        workspaceId: h.fake.teamId,
        answerId,
        userId: LEARNER.id,
      }),
    ).toEqual({ vote: "down", reason: "wrong" });
  });

  it("lists a requested note in /tutor gaps for an admin", async () => {
    const miss = await slash(h, LEARNER, "/ask", "how do I rotate vault secrets");
    const request = buttonIdsOf(miss).find((id) => id.startsWith("gap:")) ?? "";
    expect(said(miss)).toMatch(/Request a note/);
    expect(said(await press(h, LEARNER, request))).toMatch(/on the list/);

    expect(said(await slash(h, LEARNER, "/tutor", "gaps"))).toMatch(/Only admins/);
    const report = said(await slash(h, ADMIN, "/tutor", "gaps"));
    expect(report).toMatch(/What to write next in the notes/);
    expect(report).toMatch(/how do I rotate vault secrets/);
    expect(report).toMatch(/asked 1× · 1 request/);
    expect(report).toMatch(/👎 1 · 👍 0/);
  });
});

describe("Slack: command of the day", () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness({ users: [ADMIN], admins: [ADMIN.id] });
  });
  afterAll(async () => {
    h?.tutor.daily.stop();
    await h?.close();
  });

  it("is set by an admin and posted with chat.postMessage, with the command's explanation", async () => {
    expect(said(await slash(h, ADMIN, "/tutor", "daily command 00:00 UTC"))).toMatch(
      /command of the day will be posted here/,
    );
    await h.tutor.daily.start([h.surface.poster]); // 00:00 UTC has passed: today's post goes out now
    const call = await h.fake.waitForCall("chat.postMessage", (c) => c.body.channel === CHANNEL);
    expect(call.response.ok).toBe(true);
    const header = headerOf(call.body) ?? "";
    expect(header).toMatch(/^Command of the day: /);
    expect(h.tutor.index.notesCommands()).toContain(header.replace("Command of the day: ", ""));
    expect(buttonIdsOf(call.body)).toEqual([]);
  });
});

describe("Slack: a notes push picked up without a restart", () => {
  const tmp = tempDir("slack-git");
  let h: SlackHarness;
  let repo: ReturnType<typeof notesRepository>;
  beforeAll(async () => {
    repo = notesRepository(tmp.dir, { "widgets.md": widgetNote("alpha") });
    const clone = path.join(tmp.dir, "clone");
    const source = { url: repo.url, branch: "main" };
    ensureCloneSync(source, clone);
    h = await startSlackHarness({ users: [LEARNER], notesDir: clone });
    h.tutor.notes.start({ watch: false, git: source, intervalMs: 200 });
  });
  afterAll(async () => {
    await h?.close();
    tmp.cleanup();
  });

  it("answers from the pushed notes", async () => {
    const ask = async () => said(await slash(h, LEARNER, "/ask", QUESTION));
    expect(await ask()).toMatch(/--alpha/);
    repo.push({ "widgets.md": widgetNote("beta") }, "beta");
    await expect.poll(ask, { timeout: 15_000, interval: 300 }).toMatch(/--beta/);
  });
});
