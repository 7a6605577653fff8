import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseCommandText } from "../../src/core/commands/parse-text.js";
import { commandRegistry } from "../../src/core/commands/registry.js";
import { type AnyCommand, defineCommand, isGroup } from "../../src/core/commands/types.js";
import { reply } from "../../src/core/reply.js";

/** A registry of its own, so that positional options and groups are tested whatever the bot's commands are. */
const setCommand = defineCommand({
  name: "set",
  description: { en: "Set the daily quiz", ja: "毎日のクイズを設定" },
  options: [
    { name: "time", description: { en: "Time", ja: "時刻" }, type: "string", required: true },
    {
      name: "timezone",
      description: { en: "Time zone", ja: "タイムゾーン" },
      type: "string",
      required: false,
    },
    { name: "note", description: { en: "Note", ja: "メモ" }, type: "string", required: false, rest: true },
  ],
  schema: z.object({ time: z.string(), timezone: z.string().optional(), note: z.string().optional() }),
  examples: ["/tutor daily set 09:00 Asia/Tokyo"],
  run: () => reply({}),
});
const TEST_REGISTRY: AnyCommand[] = [
  ...commandRegistry.filter((c) => ["explain", "ask", "help"].includes(c.name)),
  {
    name: "tutor",
    description: { en: "Admin", ja: "管理" },
    admin: true,
    examples: [],
    subcommands: [
      { name: "daily", description: { en: "Daily", ja: "毎日" }, examples: [], subcommands: [setCommand] },
    ],
  },
];

describe("parseCommandText", () => {
  it("gives a rest option the full text of the command line, flags included", () => {
    const parsed = parseCommandText(commandRegistry, "/explain docker run -d nginx");
    expect(parsed).toMatchObject({ ok: true, path: ["explain"], args: { command: "docker run -d nginx" } });
    if (parsed.ok) expect(parsed.command.name).toBe("explain");
  });

  it("keeps the line as typed, quotes, spacing and Japanese included", () => {
    expect(
      parseCommandText(commandRegistry, '/explain docker run -e "A=b c" --name web nginx'),
    ).toMatchObject({
      ok: true,
      args: { command: 'docker run -e "A=b c" --name web nginx' },
    });
    expect(parseCommandText(commandRegistry, "  /ask   Ingress と NodePort の違い  ")).toMatchObject({
      ok: true,
      path: ["ask"],
      args: { question: "Ingress と NodePort の違い" },
    });
  });

  it("accepts the command without a slash, and in any case", () => {
    expect(parseCommandText(commandRegistry, "explain docker cp")).toMatchObject({
      ok: true,
      args: { command: "docker cp" },
    });
    expect(parseCommandText(commandRegistry, "/EXPLAIN docker cp")).toMatchObject({
      ok: true,
      path: ["explain"],
    });
  });

  it("reads a command without arguments as one with none (the schema then asks for them)", () => {
    expect(parseCommandText(commandRegistry, "/explain")).toMatchObject({
      ok: true,
      path: ["explain"],
      args: {},
    });
    expect(parseCommandText(commandRegistry, "/help")).toMatchObject({ ok: true, path: ["help"], args: {} });
  });

  it("says unknown for a command that does not exist", () => {
    expect(parseCommandText(commandRegistry, "/foo bar")).toEqual({
      ok: false,
      reason: "unknown",
      path: ["foo"],
    });
    expect(parseCommandText(commandRegistry, "/docker cp")).toMatchObject({ ok: false, reason: "unknown" });
  });

  it("says empty for empty input", () => {
    for (const line of ["", "   ", "/", " / ", "\n", "\t"])
      expect(parseCommandText(commandRegistry, line), JSON.stringify(line)).toEqual({
        ok: false,
        reason: "empty",
        path: [],
      });
  });

  it("descends into groups and says incomplete when a subcommand is missing", () => {
    expect(parseCommandText(TEST_REGISTRY, "/tutor")).toMatchObject({
      ok: false,
      reason: "incomplete",
      path: ["tutor"],
    });
    expect(parseCommandText(TEST_REGISTRY, "/tutor daily nope")).toMatchObject({
      ok: false,
      reason: "incomplete",
      path: ["tutor", "daily"],
    });
    expect(parseCommandText(TEST_REGISTRY, "/tutor Daily SET 09:00 Asia/Tokyo")).toMatchObject({
      ok: true,
      path: ["tutor", "daily", "set"],
      args: { time: "09:00", timezone: "Asia/Tokyo" },
    });
  });

  it("reads options by position, keeping quoted words together, the last one taking the rest", () => {
    expect(
      parseCommandText(TEST_REGISTRY, "/tutor daily set \"09:00\" 'Asia/Tokyo' quiz for the team"),
    ).toMatchObject({
      ok: true,
      args: { time: "09:00", timezone: "Asia/Tokyo", note: "quiz for the team" },
    });
  });

  it("property: arbitrary input never throws and always gives a well-formed result", () => {
    const names = TEST_REGISTRY.map((c) => c.name);
    const word = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.string({ unit: "grapheme", maxLength: 12 }),
      fc.constantFrom(...names, "daily", "set", '"', "'", "/", "-d", "--rm", "  ", "\n", "「質問」"),
    );
    const line = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: "binary", maxLength: 200 }),
      fc.array(word, { maxLength: 10 }).map((ws) => ws.join(" ")),
      fc.array(word, { maxLength: 10 }).map((ws) => `/${ws.join(" ")}`),
    );
    fc.assert(
      fc.property(line, (text) => {
        for (const registry of [commandRegistry, TEST_REGISTRY]) {
          const parsed = parseCommandText(registry, text);
          if (parsed.ok) {
            expect(isGroup(parsed.command)).toBe(false);
            expect(parsed.path[parsed.path.length - 1]).toBe(parsed.command.name);
            const top = registry.find((c) => c.name === parsed.path[0]);
            expect(top).toBeDefined();
            for (const [name, value] of Object.entries(parsed.args)) {
              expect(parsed.command.options.some((o) => o.name === name)).toBe(true);
              expect(typeof value).toBe("string");
            }
            const rest = parsed.command.options.find((o) => o.rest);
            const value = rest ? parsed.args[rest.name] : undefined;
            if (typeof value === "string" && parsed.path.length === 1) {
              expect(value).toBe(value.trim());
              expect(text).toContain(value);
            }
          } else {
            expect(["empty", "unknown", "incomplete"]).toContain(parsed.reason);
            if (parsed.reason === "empty") expect(text.trim().replace(/^\//, "").trim()).toBe("");
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
