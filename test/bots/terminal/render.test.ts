import { describe, expect, it } from "vitest";
import { renderText } from "../../../src/bots/terminal/render.js";
import { ELLIPSIS, reply, TERMINAL_LIMITS } from "../../../src/core/reply.js";

const citations = [
  {
    path: ["Docker", "起動しているコンテナに対して実行できるコマンド", "cp"],
    source: "notes/docker-kubernetes.md#cp",
  },
  { path: ["Docker", "よく使うコマンドオプション"], source: "notes/docker-kubernetes.md#opts" },
];

describe("renderText", () => {
  it("prints title, subtitle, blocks, numbered choices and sources as plain text", () => {
    const out = renderText(
      reply({
        title: "docker container cp",
        subtitle: "📖 Copy files",
        blocks: [
          { type: "text", text: "起動しているコンテナとホストOS間でファイルの受け渡しができます。" },
          { type: "code", lang: "sh", code: "$ docker container cp a:/x .\n$ docker cp . a:/y" },
          { type: "fields", fields: [{ name: "-a", value: "📖 Archive mode\n⚠️ careful" }] },
          { type: "note", tone: "warning", text: "A note on your notes (line 169): use `--rm`." },
          { type: "note", tone: "info", text: "Read `dokcer` as `docker`." },
        ],
        choices: [
          { id: "a:1", label: "First" },
          { id: "a:2", label: "Second" },
        ],
        citations,
      }),
      "en",
    );
    expect(out.split("\n")).toEqual([
      "── docker container cp ──",
      "📖 Copy files",
      "起動しているコンテナとホストOS間でファイルの受け渡しができます。",
      "    $ docker container cp a:/x .",
      "    $ docker cp . a:/y",
      "  -a",
      "      📖 Archive mode",
      "      ⚠️ careful",
      "⚠ A note on your notes (line 169): use `--rm`.",
      "ℹ Read `dokcer` as `docker`.",
      "  [1] First",
      "  [2] Second",
      "Type the number of your choice.",
      "Source: Docker › 起動しているコンテナに対して実行できるコマンド › cp (notes/docker-kubernetes.md#cp)",
      "See also: Docker › よく使うコマンドオプション (notes/docker-kubernetes.md#opts)",
    ]);
    // Never an open fence or markdown that a terminal would show raw.
    expect(out).not.toContain("```");
  });

  it("prints see-also once: the citations' lines stand for core's see-also line", () => {
    const out = renderText(
      reply({
        blocks: [
          { type: "text", text: "本文" },
          { type: "text", text: "See also: Docker › よく使うコマンドオプション" },
        ],
        citations,
      }),
      "en",
    );
    expect(out.split("\n")).toEqual([
      "本文",
      "Source: Docker › 起動しているコンテナに対して実行できるコマンド › cp (notes/docker-kubernetes.md#cp)",
      "See also: Docker › よく使うコマンドオプション (notes/docker-kubernetes.md#opts)",
    ]);
    // A text that only starts the same way is the answer's, and stays.
    const other = renderText(
      reply({ blocks: [{ type: "text", text: "See also: the manual" }], citations }),
      "en",
    );
    expect(other).toContain("See also: the manual");
  });

  it("uses Japanese labels for the ja locale", () => {
    const out = renderText(
      reply({ blocks: [{ type: "text", text: "本文" }], choices: [{ id: "x:1", label: "A" }], citations }),
      "ja",
    );
    expect(out).toContain("番号を入力して選んでください。");
    expect(out).toContain("出典: Docker › 起動しているコンテナに対して実行できるコマンド › cp");
    expect(out).toContain("関連: Docker › よく使うコマンドオプション");
  });

  it("cuts a long answer to the terminal's limits and says there is more to read", () => {
    const long = "コンテナ内のアプリケーションが公開しているポート番号を結びつけます。".repeat(200);
    const out = renderText(
      reply({ title: "長い節", blocks: [{ type: "text", text: long }], citations }),
      "en",
    );
    const body = out.split("\n")[1] ?? "";
    expect(body.length).toBeLessThanOrEqual(TERMINAL_LIMITS.text);
    expect(body.endsWith(`。${ELLIPSIS}`)).toBe(true);
    expect(out).toContain("(notes/docker-kubernetes.md#cp) — read more");
    expect(renderText(reply({ blocks: [{ type: "text", text: long }], citations }), "ja")).toContain(
      "続きを読む",
    );
  });
});
