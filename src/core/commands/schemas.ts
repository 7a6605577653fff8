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
