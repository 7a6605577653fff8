/**
 * A non-admin who types an admin command, whole or in part, learns only that it is for admins: no
 * subcommand, description or example of it, in the usage answer or in /help.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requiresAdmin } from "../../../src/core/commands/admin.js";
import type { Invocation } from "../../../src/core/commands/types.js";
import type { Reply } from "../../../src/core/reply.js";
import { invocation, openTestTutor, type TestTutor } from "../../helpers/tutor.js";

const member: Invocation = { ...invocation(), platform: "slack", isAdmin: false };
const admin: Invocation = { ...member, isAdmin: true };

const allText = (r: Reply) =>
  [r.title ?? "", r.subtitle ?? "", ...r.blocks.map((b) => ("text" in b ? b.text : JSON.stringify(b)))].join(
    "\n",
  );

/** Words that only the admin commands' listing holds. */
const ADMIN_DETAIL = /daily|onboarding|doctor|Asia\/Tokyo|Admin:/;

describe("admin commands for someone who is not an admin", () => {
  let env: TestTutor;
  beforeAll(() => {
    env = openTestTutor({ name: "admin-gate" });
  });
  afterAll(() => env.close());

  it("answers /tutor, /tutor daily and /tutor nonsense with 'only admins' and nothing more", async () => {
    for (const line of ["/tutor", "tutor", "/tutor daily", "/tutor onboarding", "/tutor nonsense"]) {
      const r = await env.tutor.runTextForChat(member, line);
      const text = allText(r);
      expect(text).toMatch(/^Only admins can run \/tutor/m);
      expect(text.replace(/\/tutor( \w+)?/, "")).not.toMatch(ADMIN_DETAIL);
      expect(r.choices).toEqual([]);
    }
  });

  it("still shows an admin the subcommands", async () => {
    const r = await env.tutor.runTextForChat(admin, "/tutor");
    expect(allText(r)).toContain("/tutor daily");
    expect(allText(r)).toContain("/tutor doctor");
  });

  it("leaves the admin commands out of /help", async () => {
    expect(allText(await env.tutor.runText(member, "/help"))).not.toMatch(/\/tutor/);
    expect(allText(await env.tutor.runText(admin, "/help"))).toMatch(/\/tutor/);
  });

  it("knows which paths are admin ones", () => {
    const commands = env.tutor.commands;
    expect(requiresAdmin(commands, ["tutor"])).toBe(true);
    expect(requiresAdmin(commands, ["tutor", "daily", "set"])).toBe(true);
    expect(requiresAdmin(commands, ["explain"])).toBe(false);
    expect(requiresAdmin(commands, ["nope"])).toBe(false);
  });
});
