import type { Bilingual } from "../../knowledge/catalog/types.js";
import type { OptionSpec } from "./types.js";
import { isTimeZone } from "../quiz/daily.js";
import { z } from "zod";

/** A free-text option: trimmed, non-empty, bounded. */
export const queryText = (max = 500) =>
  z.string().trim().min(1, "is empty").max(max, `is longer than ${max} characters`);

/** A topic: a heading of the notes, matched loosely later; empty means none. */
export const optionalTopic = z
  .string()
  .trim()
  .max(100)
  .optional()
  .transform((s) => s || undefined);

/** A daily post's time, zone and topic (`/tutor daily set`, `/tutor daily command`): one schema for both. */
export const dailyTimeSchema = z.object({
  time: z
    .string()
    .trim()
    .regex(/^([01]?\d|2[0-3]):[0-5]\d$/, "must be HH:MM, e.g. 09:00")
    .transform((s) => s.padStart(5, "0")),
  timezone: z
    .string()
    .trim()
    .default("UTC")
    .refine(isTimeZone, "must be an IANA time zone such as Asia/Tokyo or Europe/Berlin"),
  topic: optionalTopic,
});

/** The options of a daily post (time, zone, topic), with what the topic narrows: questions or commands. */
export function dailyTimeOptions(topic: Bilingual): OptionSpec[] {
  return [
    {
      name: "time",
      description: { en: "HH:MM, 24-hour", ja: "HH:MM (24時間表記)" },
      type: "string",
      required: true,
      maxLength: 5,
    },
    {
      name: "timezone",
      description: {
        en: "IANA time zone, e.g. Asia/Tokyo (default UTC)",
        ja: "IANA タイムゾーン (例: Asia/Tokyo、既定 UTC)",
      },
      type: "string",
      required: false,
      maxLength: 64,
    },
    { name: "topic", description: topic, type: "string", required: false, rest: true, maxLength: 100 },
  ];
}
