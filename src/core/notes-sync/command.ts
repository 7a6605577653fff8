import { z } from "zod";
import { defineCommand } from "../commands/types.js";
import { say } from "../feedback/messages.js";
import { reply } from "../reply.js";

/** `/tutor reindex`: reads the notes again now (beside the serving index, swapped in when built). */
export const reindexCommand = defineCommand({
  name: "reindex",
  description: { en: "Read the notes again now", ja: "ノートを今すぐ読み直す" },
  options: [],
  schema: z.object({}),
  examples: ["/tutor reindex"],
  run: async (tutor, ctx) => {
    const result = await tutor.notes.reload(`/tutor reindex by ${ctx.userId}`);
    const { info } = result;
    if (result.status === "rejected") {
      const files = [...new Set(result.findings.map((f) => f.file))].join(", ");
      return reply({
        blocks: [{ type: "note", tone: "warning", text: `${say(ctx.locale, "reindexRejected")} ${files}` }],
      });
    }
    const key = result.status === "reloaded" ? "reindexed" : "reindexUnchanged";
    const text = say(ctx.locale, key, {
      files: info.files,
      entries: info.entries,
      findings: info.findings,
      ms: Math.round(info.buildMs),
    });
    return reply({ blocks: [{ type: "note", tone: "success", text }] });
  },
});
