import { z } from "zod";
import { defineCommand } from "../commands/types.js";
import { gapsReply, gapsReport } from "./report.js";

/** `/tutor gaps`: what the notes did not cover, the worst-rated answers and the doctor's findings. */
export const gapsCommand = defineCommand({
  name: "gaps",
  description: {
    en: "What to write next: uncovered questions, worst-rated answers, notes problems",
    ja: "次に書くこと: 答えられなかった質問・低評価の回答・ノートの問題",
  },
  options: [],
  schema: z.object({}),
  examples: ["/tutor gaps"],
  run: async (tutor, ctx) =>
    gapsReply(await gapsReport(tutor, { platform: ctx.platform, workspaceId: ctx.workspaceId }), ctx.locale),
});
