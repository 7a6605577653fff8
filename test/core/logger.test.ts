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
