import { z } from "zod";

/** The CLI's own options; every other word after the subcommand is the query (flags included). */
export interface CliArgs {
  subcommand: string;
  query: string;
  json: boolean;
  notes?: string;
  db?: string;
  locale?: "en" | "ja";
  force: boolean;
  socket: boolean;
  url?: string;
  guild?: string;
}

const localeSchema = z.enum(["en", "ja"], { message: "--locale must be en or ja" });

export class CliUsageError extends Error {}

export function parseCliArgs(argv: readonly string[]): CliArgs {
  const [subcommand = "", ...rest] = argv;
  const args: CliArgs = { subcommand, query: "", json: false, force: false, socket: false };
  const words: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] ?? "";
    const value = () => {
      const v = rest[++i];
      if (v === undefined || v === "") throw new CliUsageError(`${a} needs a value`);
      return v;
    };
    if (a === "--json") args.json = true;
    else if (a === "--notes") args.notes = value();
    else if (a === "--db") args.db = value();
    else if (a === "--locale") {
      const parsed = localeSchema.safeParse(value());
      if (!parsed.success) throw new CliUsageError("--locale must be en or ja");
      args.locale = parsed.data;
    } else if (a === "--force" && subcommand === "index") args.force = true;
    else if (a === "--socket" && subcommand === "slack-manifest") args.socket = true;
    else if (a === "--url" && subcommand === "slack-manifest") args.url = value();
    else if (a === "--guild" && subcommand === "discord-register") args.guild = value();
    else words.push(a);
  }
  // The shell already split the line; words that held spaces are quoted again so the query reads as typed.
  args.query = words
    .map((w) => (/\s/.test(w) ? `"${w.replace(/"/g, '\\"')}"` : w))
    .join(" ")
    .trim();
  return args;
}
