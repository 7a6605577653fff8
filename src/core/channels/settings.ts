import { z } from "zod";

/**
 * When the bot answers messages posted in a channel:
 * - `mention`: only messages that mention it (and replies in its own threads), the default;
 * - `auto`: also questions posted without a mention, when the notes cover them (silent otherwise);
 * - `off`: no messages at all (slash commands still answer, privately).
 */
export const CHANNEL_MODES = ["mention", "auto", "off"] as const;
export type ChannelMode = (typeof CHANNEL_MODES)[number];

export const channelModeSchema = z.enum(CHANNEL_MODES);

/** One channel's settings. */
export interface ChannelSettings {
  mode: ChannelMode;
  /** Slash command answers (/ask, /explain) are private with a Share button (true) or posted for all. */
  ephemeral: boolean;
}

/** A channel nobody configured: answers mentions, and keeps slash command answers private. */
export const DEFAULT_CHANNEL_SETTINGS: Readonly<ChannelSettings> = Object.freeze({
  mode: "mention",
  ephemeral: true,
});

/** A channel's settings with who changed them last and when (null for the defaults). */
export interface StoredChannelSettings extends ChannelSettings {
  updatedBy: string | null;
  updatedAt: string | null;
}
