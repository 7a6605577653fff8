import { z } from "zod";
import { type ChannelSettings, CHANNEL_MODES, type StoredChannelSettings } from "../channels/settings.js";
import { type Locale, t } from "../i18n.js";
import { placeOf } from "../quiz/quiz.js";
import { type Reply, reply } from "../reply.js";
import { type CommandGroupSpec, defineCommand } from "./types.js";

const MODE_TEXT = {
  mention: "channelModeMention",
  auto: "channelModeAuto",
  off: "channelModeOff",
} as const;

/** A channel's settings as one line a person reads. */
export function describeChannel(locale: Locale, s: StoredChannelSettings): string {
  const updated =
    s.updatedBy && s.updatedAt
      ? t(locale, "channelUpdated", { user: s.updatedBy, when: s.updatedAt.slice(0, 10) })
      : t(locale, "channelDefaults");
  return t(locale, "channelShow", {
    mode: `\`${s.mode}\` (${t(locale, MODE_TEXT[s.mode])})`,
    visibility: t(locale, s.ephemeral ? "channelPrivate" : "channelPublic"),
    updated,
  });
}

function saved(locale: Locale, s: StoredChannelSettings): Reply {
  return reply({
    blocks: [
      { type: "note", tone: "success", text: t(locale, "channelSet", { show: describeChannel(locale, s) }) },
    ],
  });
}

const mode = defineCommand({
  name: "mode",
  description: {
    en: "When the bot answers messages here: mention, auto (covered questions) or off",
    ja: "このチャンネルでの応答: mention / auto (ノートにある質問) / off",
  },
  options: [
    {
      name: "mode",
      description: {
        en: "mention: only when mentioned · auto: also covered questions · off: never",
        ja: "mention: メンション時のみ · auto: ノートにある質問にも · off: 応答しない",
      },
      type: "string",
      required: true,
      choices: CHANNEL_MODES,
    },
  ],
  schema: z.object({
    mode: z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.enum(CHANNEL_MODES, { error: `must be one of ${CHANNEL_MODES.join(", ")}` })),
  }),
  // The first example keeps the default: running it (as the tests of every command do) changes nothing.
  examples: ["/tutor channel mode mention", "/tutor channel mode auto", "/tutor channel mode off"],
  run: async (tutor, ctx, args) =>
    saved(
      ctx.locale,
      await tutor.channelSettings.set(placeOf(ctx), { mode: args.mode }, ctx.userId, tutor.now()),
    ),
});

const ON = ["on", "true", "yes", "private"];
const OFF = ["off", "false", "no", "public"];

const ephemeral = defineCommand({
  name: "ephemeral",
  description: {
    en: "Slash command answers here private (on, the default) or for everyone (off)",
    ja: "このチャンネルのスラッシュコマンドの回答を本人だけ (on、既定) か全員 (off) に",
  },
  options: [
    {
      name: "value",
      description: { en: "on: private · off: for everyone", ja: "on: 本人だけ · off: 全員" },
      type: "string",
      required: true,
      choices: ["on", "off"],
    },
  ],
  schema: z.object({
    value: z
      .string()
      .trim()
      .toLowerCase()
      .refine((v) => ON.includes(v) || OFF.includes(v), "must be on or off")
      .transform((v) => (ON.includes(v) ? "on" : "off")),
  }),
  examples: ["/tutor channel ephemeral on", "/tutor channel ephemeral off"],
  run: async (tutor, ctx, args) => {
    const change: Partial<ChannelSettings> = { ephemeral: args.value === "on" };
    return saved(ctx.locale, await tutor.channelSettings.set(placeOf(ctx), change, ctx.userId, tutor.now()));
  },
});

const show = defineCommand({
  name: "show",
  description: { en: "This channel's settings", ja: "このチャンネルの設定を表示" },
  options: [],
  schema: z.object({}),
  examples: ["/tutor channel show"],
  run: async (tutor, ctx) => {
    const settings = await tutor.channelSettings.get(placeOf(ctx));
    return reply({ blocks: [{ type: "text", text: describeChannel(ctx.locale, settings) }] });
  },
});

/** `/tutor channel …`: how the bot behaves in this channel (admins; the /tutor group is admin-only). */
export const tutorChannelCommand: CommandGroupSpec = {
  name: "channel",
  description: { en: "How the bot answers in this channel", ja: "このチャンネルでの応答の設定" },
  examples: ["/tutor channel show", "/tutor channel mode auto", "/tutor channel ephemeral off"],
  subcommands: [mode, ephemeral, show],
};
