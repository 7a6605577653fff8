import { dailyTimeOptions, dailyTimeSchema } from "../commands/schemas.js";
import { defineCommand } from "../commands/types.js";
import { say } from "../feedback/messages.js";
import { reply } from "../reply.js";
import { placeOf } from "./quiz.js";

/** `/tutor daily command HH:MM [timezone] [topic]`: this channel's daily post becomes a command of the day. */
export const dailyCommandCommand = defineCommand({
  name: "command",
  description: {
    en: "Post a command of the day here (instead of a quiz) at a time",
    ja: "毎日決まった時刻にこのチャンネルで今日のコマンドを投稿 (クイズの代わり)",
  },
  options: dailyTimeOptions({ en: "Only commands under this heading", ja: "この見出しのコマンドだけ" }),
  schema: dailyTimeSchema,
  examples: ["/tutor daily command 09:00 Asia/Tokyo", "/tutor daily command 08:30 Europe/Berlin Kubernetes"],
  run: async (tutor, ctx, args) => {
    const topic = tutor.quiz.resolveTopic(args.topic, ctx.locale);
    await tutor.daily.schedules.set(
      { ...placeOf(ctx), time: args.time, timezone: args.timezone, topic: topic ?? null, kind: "command" },
      ctx.userId,
      tutor.now(),
    );
    await tutor.daily.refresh(placeOf(ctx));
    const text = say(ctx.locale, "commandOfDaySet", {
      time: args.time,
      timezone: args.timezone,
      topic: topic ? ` (${topic})` : "",
    });
    return reply({ blocks: [{ type: "note", tone: "success", text }] });
  },
});
