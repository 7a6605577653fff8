import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, maskSecrets } from "../../src/core/logger.js";

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger({ level: "debug", destination }), lines };
}

describe("logs never carry secrets", () => {
  it("redacts token fields by name", () => {
    const { logger, lines } = capture();
    logger.info({ DISCORD_TOKEN: "abc", config: { SLACK_BOT_TOKEN: "xoxb-1" }, token: "t" }, "start");
    expect(lines.join("")).not.toMatch(/abc|xoxb-1|"t"/);
  });

  it("masks interaction and webhook tokens inside an error's URL, message and stack", () => {
    const { logger, lines } = capture();
    const err = Object.assign(
      new Error("Unknown interaction at /interactions/123/aW50ZXJhY3Rpb24tdG9rZW4/callback"),
      {
        url: "https://discord.com/api/v10/webhooks/456/aW50ZXJhY3Rpb24tdG9rZW4/messages/@original",
      },
    );
    logger.error({ err }, "command failed");
    const out = lines.join("");
    expect(out).not.toContain("aW50ZXJhY3Rpb24tdG9rZW4");
    expect(out).toContain("/interactions/123/[redacted]");
    expect(out).toContain("/webhooks/456/[redacted]");
  });

  it("masks tokens written into a message's text", () => {
    const { logger, lines } = capture();
    logger.warn("bolt: token xoxb-123-456-abc rejected; app token xapp-1-A-2-xyz");
    expect(lines.join("")).not.toMatch(/xoxb-123|xapp-1-A/);
    expect(maskSecrets("Authorization: Bot MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GhIjKl.abcdef")).toBe(
      "Authorization: Bot [redacted]",
    );
  });
});

describe("redaction at any depth and in any spelling", () => {
  const DISCORD_BOT_TOKEN = `${"MTIzNDU2Nzg5MDEyMzQ1Njc4OTA"}.${"GhIjKl"}.${"a".repeat(20)}${"B_c-D".repeat(2)}`;
  const OPENAI_KEY = `sk-proj-${"x1Y2z3".repeat(5)}`;

  it("blanks a token two or more levels deep, and an Authorization header with a capital A", () => {
    const { logger, lines } = capture();
    logger.info(
      {
        request: { options: { token: "deep-secret-1" }, headers: { Authorization: "Bot deep-secret-2" } },
        a: { b: { c: { d: { apiKey: "deep-secret-3", "x-api-key": "deep-secret-4" } } } },
        list: [{ config: { SLACK_BOT_TOKEN: "deep-secret-5" } }],
      },
      "request",
    );
    const out = lines.join("");
    expect(out).not.toMatch(/deep-secret-\d/);
    expect(JSON.parse(out).request.headers.Authorization).toBe("[redacted]");
    expect(JSON.parse(out).request.options.token).toBe("[redacted]");
  });

  it("masks a Discord bot token, an sk- key, a Bearer credential and Slack tokens inside an error message", () => {
    const { logger, lines } = capture();
    const err = new Error(
      `login failed for ${DISCORD_BOT_TOKEN}; openai said: Incorrect API key provided: ${OPENAI_KEY}; sent Authorization: Bearer abc.def-ghi_jkl; slack xoxp-1-2-3 xapp-9-Z`,
    );
    logger.error({ err, nested: { cause: new Error(`retry with ${OPENAI_KEY}`) } }, "failed");
    logger.warn(`plain text with ${DISCORD_BOT_TOKEN}`);
    const out = lines.join("");
    expect(out).not.toContain(DISCORD_BOT_TOKEN);
    expect(out).not.toContain("GhIjKl");
    expect(out).not.toContain(OPENAI_KEY);
    expect(out).not.toContain("x1Y2z3");
    expect(out).not.toContain("abc.def-ghi_jkl");
    expect(out).not.toMatch(/xoxp-1|xapp-9/);
    expect(out).toContain("login failed for [redacted]");
    expect(out).toContain("Bearer [redacted]");
  });

  it("masks webhook and interaction tokens in URLs at any depth, and keeps ordinary words", () => {
    const { logger, lines } = capture();
    logger.info(
      {
        res: { req: { url: "https://discord.com/api/v10/webhooks/42/tok-en_value/messages/@original" } },
        slack: { hook: "https://hooks.slack.com/services/T000/B000/XXXXSECRET" },
        note: "the bot answered 12 questions",
      },
      "sent",
    );
    const out = lines.join("");
    expect(out).not.toMatch(/tok-en_value|XXXXSECRET/);
    expect(out).toContain("the bot answered 12 questions");
  });

  it("survives circular and very deep values", () => {
    const { logger, lines } = capture();
    const loop: Record<string, unknown> = { token: "loop-secret" };
    loop.self = loop;
    let deep: Record<string, unknown> = { token: "bottom-secret" };
    for (let i = 0; i < 30; i++) deep = { next: deep };
    logger.info({ loop, deep }, "odd shapes");
    expect(lines.join("")).not.toMatch(/loop-secret|bottom-secret/);
  });
});
