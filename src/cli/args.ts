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
  /** migrate-state: the PostgreSQL to copy the state into. */
  to?: string;
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
    else if (a === "--to" && subcommand === "migrate-state") args.to = value();
    else words.push(a);
  }
  // A command line to explain was split by the shell: a word that held spaces is quoted again so it reads
  // as typed (`-e "A=b c"`). A question is just text.
  args.query = words
    .map((w) =>
      subcommand === "explain" && /\s/.test(w) && words.length > 1 ? `"${w.replace(/"/g, '\\"')}"` : w,
    )
    .join(" ")
    .trim();
  return args;
}
