import { z } from "zod";
import { t } from "../i18n.js";
import { placeOf } from "../quiz/quiz.js";
import { leaderboard } from "../quiz/scores.js";
import { reply } from "../reply.js";
import { defineCommand } from "./types.js";

const PERIODS = ["week", "month", "all"] as const;

export const leaderboardCommand = defineCommand({
  name: "leaderboard",
  description: { en: "This channel's quiz leaderboard", ja: "このチャンネルのクイズランキング" },
  options: [
    {
      name: "period",
      description: { en: "week, month or all (default: week)", ja: "week / month / all (既定: week)" },
      type: "string",
      required: false,
      choices: PERIODS,
    },
  ],
  schema: z.object({ period: z.enum(PERIODS, { message: "must be week, month or all" }).default("week") }),
  examples: ["/leaderboard", "/leaderboard month"],
  run: async (tutor, ctx, args) => {
    const rows = await leaderboard(tutor.state.scores, placeOf(ctx), args.period, tutor.now());
    const text =
      rows.length === 0
        ? t(ctx.locale, "leaderboardEmpty")
        : rows
            .map(
              (r) =>
                `${r.rank}. ${r.name} — ${r.points} pt (${r.answered}, ${Math.round(r.accuracy * 100)}%)`,
            )
            .join("\n");
    return reply({
      title: t(ctx.locale, "leaderboardTitle", { period: args.period }),
      blocks: [{ type: "text", text }],
      ephemeral: false,
    });
  },
});
