import fc from "fast-check";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { escapeSlack } from "../../../src/bots/slack/render.js";
import { plainFromSlack, withoutBotMention } from "../../../src/bots/slack/text-in.js";
import { SlackPeople, type SlackUserRecord } from "../../../src/bots/slack/users.js";

describe("Slack text in", () => {
  it("turns Slack's control sequences back into what was typed, keeping user ids", () => {
    expect(plainFromSlack("docker run -p 80:80 nginx &gt; out.txt &amp;&amp; cat &lt;file")).toBe(
      "docker run -p 80:80 nginx > out.txt && cat <file",
    );
    expect(plainFromSlack("stats <@U123|ada>")).toBe("stats <@U123>");
    expect(plainFromSlack("in <#C123|general> <!here> <!channel> <!subteam^S1|@devs>")).toBe(
      "in <#C123> @here @channel @devs",
    );
    expect(plainFromSlack("see <https://example.com/a?b=1&amp;c=2|example.com> or <https://x.test>")).toBe(
      "see example.com or https://x.test",
    );
  });

  it("removes the bot's own mention from a mention's text", () => {
    expect(withoutBotMention("<@UBOT> explain docker cp", "UBOT")).toBe("explain docker cp");
    expect(withoutBotMention("hey <@UBOT|tutor> what is a pod", "UBOT")).toBe("hey what is a pod");
    expect(withoutBotMention("<@UBOT> ask about <@UOTHER>", "UBOT")).toBe("ask about <@UOTHER>");
    expect(withoutBotMention("<@UBOT> help", undefined)).toBe("help");
  });

  it("property: text as Slack escapes it comes back exactly as typed", () => {
    const unit = fc.constantFrom(
      "<",
      ">",
      "&",
      "!",
      "@",
      "#",
      "|",
      "^",
      "a",
      "U1",
      "lt;",
      "gt;",
      "amp;",
      " ",
      "あ",
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 200 }), (typed) => {
        expect(plainFromSlack(escapeSlack(typed))).toBe(typed);
      }),
    );
  });
});

describe("Slack users: admin rights, language, name", () => {
  function people(records: Record<string, SlackUserRecord | Error>, admins: string[] = []) {
    const calls: string[] = [];
    let now = 0;
    const p = new SlackPeople({
      fetchUser: async (_team, id) => {
        calls.push(id);
        const r = records[id];
        if (r instanceof Error) throw r;
        return r;
      },
      admins: new Set(admins),
      defaultLocale: "en",
      logger: pino({ level: "silent" }),
      ttlMs: 1000,
      failureTtlMs: 100,
      now: () => now,
    });
    return { p, calls, advance: (ms: number) => (now += ms) };
  }

  it("admins are TUTOR_ADMINS, Slack admins and owners; language from the Slack locale", async () => {
    const { p } = people(
      {
        UJA: { locale: "ja-JP", profile: { display_name: "花子" } },
        UADM: { is_admin: true, real_name: "Ann" },
        UOWN: { is_primary_owner: true, name: "own" },
        ULIST: { locale: "en-US" },
      },
      ["ULIST"],
    );
    expect(await p.invocation({ teamId: "T", channelId: "C", userId: "UJA" })).toEqual({
      platform: "slack",
      workspaceId: "T",
      channelId: "C",
      userId: "UJA",
      userName: "花子",
      locale: "ja",
      isAdmin: false,
    });
    expect((await p.lookup("T", "UADM")).isAdmin).toBe(true);
    expect((await p.lookup("T", "UOWN")).isAdmin).toBe(true);
    expect((await p.lookup("T", "ULIST")).isAdmin).toBe(true);
  });

  it("caches answers for a while, and falls back to defaults when users.info fails", async () => {
    const { p, calls, advance } = people({ UA: { name: "a" }, UFAIL: new Error("missing_scope") }, ["UFAIL"]);
    await Promise.all([p.lookup("T", "UA"), p.lookup("T", "UA")]);
    await p.lookup("T", "UA");
    expect(calls).toEqual(["UA"]);
    advance(1001);
    await p.lookup("T", "UA");
    expect(calls).toEqual(["UA", "UA"]);

    const ctx = await p.invocation({ teamId: "T", channelId: "C", userId: "UFAIL", userName: "handle" });
    expect(ctx).toMatchObject({ isAdmin: true, locale: "en", userName: "handle" });
    advance(50);
    await p.lookup("T", "UFAIL");
    expect(calls.filter((c) => c === "UFAIL")).toHaveLength(1);
    advance(60);
    await p.lookup("T", "UFAIL");
    expect(calls.filter((c) => c === "UFAIL")).toHaveLength(2);
  });
});
