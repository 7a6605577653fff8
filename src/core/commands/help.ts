import { z } from "zod";
import { t } from "../i18n.js";
import { type Block, reply } from "../reply.js";
import { defineCommand } from "./types.js";

export const helpCommand = defineCommand({
  name: "help",
  description: { en: "What the tutor can do, with examples", ja: "できることと使用例" },
  options: [],
  schema: z.object({}),
  examples: ["/help"],
  run: (tutor, ctx) => {
    const locale = ctx.locale;
    const lines = tutor.commands
      .filter((c) => !c.admin || ctx.isAdmin)
      .map((c) => {
        const subs = c.subcommands ? ` (${c.subcommands.map((s) => s.name).join(", ")})` : "";
        const example = c.examples[0] ? `  ${t(locale, "example")} \`${c.examples[0]}\`` : "";
        return `• \`/${c.name}\`${subs}: ${c.description[locale]}${example}`;
      });
    const blocks: Block[] = [
      {
        type: "text",
        text: t(locale, "helpIntro", { entries: tutor.indexInfo.entries, files: tutor.indexInfo.files }),
      },
      { type: "text", text: lines.join("\n") },
    ];
    return reply({ title: t(locale, "helpTitle"), blocks });
  },
});
