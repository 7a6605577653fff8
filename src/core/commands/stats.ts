import { z } from "zod";
import { t } from "../i18n.js";
import { statsOf } from "../quiz/scores.js";
import { reply } from "../reply.js";
import { defineCommand } from "./types.js";

export const statsCommand = defineCommand({
  name: "stats",
  description: {
    en: "Quiz points, accuracy and streak (yours, or someone's)",
    ja: "クイズのポイント・正答率・連続日数",
  },
  options: [
    {
      name: "user",
      description: { en: "Whose stats (default: yours)", ja: "対象のユーザー (既定: 自分)" },
      type: "user",
      required: false,
    },
  ],
  // Platforms pass a user id; Slack and the terminal may pass <@U123> or @name as typed.
  schema: z.object({
    user: z
      .string()
      .trim()
      .max(100)
      .optional()
      .transform((s) => (s ? s.replace(/^<@([\w.-]+)(\|[^>]*)?>$/, "$1").replace(/^@/, "") : undefined)),
  }),
  examples: ["/stats", "/stats @alice"],
  run: async (tutor, ctx, args) => {
    const userId = args.user ?? ctx.userId;
    const who = { platform: ctx.platform, workspaceId: ctx.workspaceId, userId };
    const s = await statsOf(tutor.state, who, tutor.now());
    const due = (await tutor.quiz.srs.due(who, tutor.now())).length;
    // Another person is shown by the name the platform last gave with their answers, never as a mention.
    const name = args.user
      ? ((await tutor.state.scores.latestName(who)) ?? userId)
      : (ctx.userName ?? userId);
    return reply({
      title: t(ctx.locale, "statsTitle", { user: name }),
      blocks: [
        {
          type: "text",
          text: t(ctx.locale, "statsBody", {
            points: s.points,
            answered: s.answered,
            accuracy: s.answered ? `${Math.round(s.accuracy * 100)}%` : "—",
            streak: s.streak,
            best: s.bestStreak,
            due,
          }),
        },
      ],
    });
  },
});
