import { z } from "zod";
import { doctorReport } from "../doctor.js";
import { gapsCommand } from "../gaps/command.js";
import { reindexCommand } from "../notes-sync/command.js";
import { dashboardCommand } from "./dashboard.js";
import { dailyCommandCommand } from "../quiz/command-of-day-command.js";
import { t } from "../i18n.js";
import { isTimeZone } from "../quiz/daily.js";
import { placeOf } from "../quiz/quiz.js";
import { reply } from "../reply.js";
import { dailyTimeOptions, dailyTimeSchema } from "./schemas.js";
import { tutorChannelCommand } from "./tutor-channel.js";
import { type CommandGroupSpec, defineCommand } from "./types.js";

const dailySet = defineCommand({
  name: "set",
  description: {
    en: "Post a quiz question here every day at a time",
    ja: "毎日決まった時刻にこのチャンネルでクイズを出題",
  },
  options: dailyTimeOptions({ en: "Only questions from this heading", ja: "この見出しの問題だけ" }),
  schema: dailyTimeSchema,
  examples: ["/tutor daily set 09:00 Asia/Tokyo", "/tutor daily set 08:30 Europe/Berlin Kubernetes"],
  run: async (tutor, ctx, args) => {
    const topic = tutor.quiz.resolveTopic(args.topic, ctx.locale);
    await tutor.daily.schedules.set(
      { ...placeOf(ctx), time: args.time, timezone: args.timezone, topic: topic ?? null },
      ctx.userId,
      tutor.now(),
    );
    await tutor.daily.refresh(placeOf(ctx));
    return reply({
      blocks: [
        {
          type: "note",
          tone: "success",
          text: t(ctx.locale, "dailySet", {
            time: args.time,
            timezone: args.timezone,
            topic: topic ? ` (${topic})` : "",
          }),
        },
      ],
    });
  },
});

const dailyOff = defineCommand({
  name: "off",
  description: { en: "Stop this channel's daily quiz", ja: "このチャンネルの毎日のクイズを停止" },
  options: [],
  schema: z.object({}),
  examples: ["/tutor daily off"],
  run: async (tutor, ctx) => {
    const was = await tutor.daily.schedules.off(placeOf(ctx), ctx.userId, tutor.now());
    await tutor.daily.refresh(placeOf(ctx));
    return reply({
      blocks: [{ type: "note", tone: "info", text: t(ctx.locale, was ? "dailyOff" : "dailyNone") }],
    });
  },
});

const dailyShow = defineCommand({
  name: "show",
  description: {
    en: "Show this channel's daily quiz schedule",
    ja: "このチャンネルの毎日のクイズ設定を表示",
  },
  options: [],
  schema: z.object({}),
  examples: ["/tutor daily show"],
  run: async (tutor, ctx) => {
    const s = await tutor.daily.schedules.get(placeOf(ctx));
    if (!s) return reply({ blocks: [{ type: "text", text: t(ctx.locale, "dailyNone") }] });
    const posts = (await tutor.quiz.store.dailyPosts(placeOf(ctx))).length;
    const status = s.enabled ? (ctx.locale === "ja" ? "有効" : "on") : ctx.locale === "ja" ? "停止中" : "off";
    return reply({
      blocks: [
        {
          type: "text",
          text: t(ctx.locale, "dailyShow", {
            time: s.time,
            timezone: s.timezone,
            topic: s.topic ? ` (${s.topic})` : "",
            status,
            posts,
          }),
        },
      ],
    });
  },
});

const doctor = defineCommand({
  name: "doctor",
  description: {
    en: "Problems found in the notes (errata, YAML, links)",
    ja: "ノートの問題点 (誤り・YAML・リンク)",
  },
  options: [],
  schema: z.object({}),
  examples: ["/tutor doctor"],
  run: (tutor, ctx) => doctorReport(tutor, ctx.locale),
});

const onboardingChannel = defineCommand({
  name: "channel",
  description: {
    en: "Make a channel an onboarding channel (default: this one)",
    ja: "オンボーディングチャンネルに設定 (既定: このチャンネル)",
  },
  options: [
    {
      name: "channel",
      description: { en: "The channel", ja: "チャンネル" },
      type: "channel",
      required: false,
    },
    {
      name: "nudge_days",
      description: {
        en: "Remind members idle this many days (0: never)",
        ja: "この日数進みがない人にリマインド (0: しない)",
      },
      type: "integer",
      required: false,
    },
    {
      name: "timezone",
      description: {
        en: "Team time zone for reminders (default UTC)",
        ja: "リマインドのタイムゾーン (既定 UTC)",
      },
      type: "string",
      required: false,
    },
  ],
  schema: z.object({
    channel: z
      .string()
      .trim()
      .max(100)
      .optional()
      .transform((s) => (s ? s.replace(/^<#([\w-]+)(\|[^>]*)?>$/, "$1").replace(/^#/, "") : undefined)),
    nudge_days: z.coerce.number().int().min(0).max(60).default(0),
    timezone: z
      .string()
      .trim()
      .default("UTC")
      .refine(isTimeZone, "must be an IANA time zone such as Asia/Tokyo"),
  }),
  examples: ["/tutor onboarding channel", "/tutor onboarding channel #welcome 3 Asia/Tokyo"],
  run: (tutor, ctx, args) =>
    tutor.onboarding.setChannel(ctx, args.channel ?? ctx.channelId, args.nudge_days || null, args.timezone),
});

const onboardingReport = defineCommand({
  name: "report",
  description: { en: "Everyone's course progress and last activity", ja: "全員のコース進捗と最終アクティブ" },
  options: [],
  schema: z.object({}),
  examples: ["/tutor onboarding report"],
  run: (tutor, ctx) => tutor.onboarding.report(ctx),
});

/** `/tutor …`: admin commands; who counts as admin is decided by each platform. */
export const tutorAdminCommand: CommandGroupSpec = {
  name: "tutor",
  description: {
    en: "Admin: daily quiz posts, onboarding, notes doctor",
    ja: "管理: 毎日のクイズ、オンボーディング、ノート診断",
  },
  admin: true,
  examples: [
    "/tutor daily set 09:00 Asia/Tokyo",
    "/tutor onboarding channel",
    "/tutor onboarding report",
    "/tutor channel show",
    "/tutor doctor",
    "/tutor gaps",
    "/tutor reindex",
    "/tutor dashboard",
  ],
  subcommands: [
    {
      name: "daily",
      description: { en: "Daily quiz posts in this channel", ja: "このチャンネルの毎日のクイズ" },
      examples: ["/tutor daily set 09:00 Asia/Tokyo"],
      subcommands: [dailySet, dailyCommandCommand, dailyOff, dailyShow],
    },
    {
      name: "onboarding",
      description: { en: "Onboarding channels and progress", ja: "オンボーディングの設定と進捗" },
      examples: ["/tutor onboarding channel", "/tutor onboarding report"],
      subcommands: [onboardingChannel, onboardingReport],
    },
    tutorChannelCommand,
    doctor,
    gapsCommand,
    reindexCommand,
    dashboardCommand,
  ],
};
