import { z } from "zod";

/** The part of a stored question (`quiz_questions.json`) the dashboard groups by: its source section. */
const storedSource = z.object({
  source: z.object({ path: z.array(z.string()), source: z.string() }),
});

/**
 * Where a stored question comes from. A row that does not parse (written by a much older version) counts
 * under its topic alone, so its answers still count rather than break the page.
 */
export function questionSourceOf(json: string, topic: string): { path: string[]; source: string } {
  try {
    const parsed = storedSource.safeParse(JSON.parse(json));
    if (parsed.success) return { path: parsed.data.source.path, source: parsed.data.source.source };
  } catch {
    // not JSON: handled below
  }
  return { path: [topic], source: "" };
}
