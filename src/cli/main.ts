import { composeTutor } from "../compose.js";
import { loadConfig, loadDotEnv } from "../core/config.js";
import { doctorReport } from "../core/doctor.js";
import { gapsReply, gapsReport } from "../core/gaps/report.js";
import type { Locale } from "../core/i18n.js";
import { createLogger } from "../core/logger.js";
import type { Tutor } from "../core/tutor.js";
import { renderText } from "../bots/terminal/render.js";
import { terminalInvocation } from "../bots/terminal/session.js";
import { CliUsageError, parseCliArgs } from "./args.js";
import { withBreakdown } from "../knowledge/command-line.js";
import { migrateState } from "./migrate-state.js";

export const USAGE = `Usage: tutor <command> [options]

  explain <command line>   explain a docker/kubectl command from the notes
  ask <question>           answer a question from the notes
  doctor                   list problems found in the notes (errata, YAML, links)
  gaps                     what to write next: uncovered questions, worst-rated answers, findings
  curriculum               print the onboarding course derived from the notes (or curriculum.yaml)
  slack-manifest [--socket] [--url https://host]
                           print the Slack app manifest (YAML)
  discord-register [--guild ID]
                           register the slash commands with Discord
  index [--force]          build the index (done automatically when the notes change)
  migrate-state --to postgres://…
                           copy the state of the SQLite file (--db) into an empty PostgreSQL, once
  serve                    run the bot (same as npm start)

Options: --json  --notes DIR  --db FILE  --locale en|ja`;

function print(text: string): void {
  process.stdout.write(`${text}\n`);
}

export async function main(argv: readonly string[]): Promise<number> {
  const args = parseCliArgs(argv);
  if (args.subcommand === "serve" || args.subcommand === "") {
    const { serve } = await import("../main.js");
    return serve();
  }
  loadDotEnv();
  const env = { ...process.env };
  if (args.notes) env.TUTOR_NOTES_DIR = args.notes;
  if (args.db) env.TUTOR_DB = args.db;
  if (args.locale) env.TUTOR_LOCALE = args.locale;
  const config = loadConfig(env);
  const locale: Locale = config.TUTOR_LOCALE;
  const logger = createLogger({ level: config.LOG_LEVEL === "info" ? "warn" : config.LOG_LEVEL });
  // The tutor the service would build from this configuration, used for one command and closed.
  // explain, ask, doctor and gaps only read: on a database this user may not write, they answer from a copy
  // in memory (src/core/storage/database.ts); every other command refuses with the file and what to do.
  const withTutor = async <T>(readOnly: boolean, work: (tutor: Tutor) => Promise<T> | T): Promise<T> => {
    const composed = await composeTutor(config, { logger, readOnlyFallback: readOnly });
    try {
      return await work(composed.tutor);
    } finally {
      await composed.close();
    }
  };

  switch (args.subcommand) {
    case "explain":
    case "ask": {
      if (!args.query)
        throw new CliUsageError(
          `tutor ${args.subcommand} needs a ${args.subcommand === "ask" ? "question" : "command line"}`,
        );
      const query = args.query;
      await withTutor(true, async (tutor) => {
        if (args.json) {
          const json =
            args.subcommand === "explain"
              ? withBreakdown(tutor.index.explain(query).response, query, locale)
              : tutor.index.ask(query).response;
          print(JSON.stringify(json, null, 2));
        } else {
          const r = await tutor.runCommand(
            terminalInvocation(locale),
            [args.subcommand],
            args.subcommand === "ask" ? { question: query } : { command: query },
          );
          print(renderText(r, locale));
        }
      });
      return 0;
    }
    case "doctor":
      await withTutor(true, (tutor) => {
        const findings = tutor.index.findings();
        print(
          args.json
            ? JSON.stringify({ count: findings.length, findings }, null, 2)
            : renderText(doctorReport(tutor, locale), locale),
        );
      });
      return 0;
    case "gaps":
      // Every workspace of the database: the operator's view of what people asked on every platform.
      await withTutor(true, async (tutor) => {
        const report = await gapsReport(tutor, null);
        print(args.json ? JSON.stringify(report, null, 2) : renderText(gapsReply(report, locale), locale));
      });
      return 0;
    case "index":
      await withTutor(false, (tutor) => {
        const info = tutor.reindex(args.force);
        print(
          args.json
            ? JSON.stringify(info, null, 2)
            : `${info.rebuilt ? "Indexed" : "Index up to date:"} ${info.files} file(s), ${info.entries} entries, ${info.findings} findings from ${info.notesDir} (${info.buildMs.toFixed(0)} ms)`,
        );
      });
      return 0;
    case "migrate-state": {
      const target = args.to ?? config.DATABASE_URL;
      if (!target) throw new CliUsageError("migrate-state needs --to postgres://… (or DATABASE_URL)");
      const copied = await migrateState(config.TUTOR_DB, target);
      const total = Object.values(copied).reduce((a, b) => a + b, 0);
      print(
        args.json
          ? JSON.stringify({ from: config.TUTOR_DB, copied }, null, 2)
          : `Copied ${total} row(s) of state from ${config.TUTOR_DB} into PostgreSQL:\n${Object.entries(
              copied,
            )
              .map(([table, n]) => `  ${table}: ${n}`)
              .join("\n")}\nSet DATABASE_URL to it and restart the bot.`,
      );
      return 0;
    }
    case "slack-manifest": {
      const { ManifestError, slackManifestYaml } = await import("../bots/slack/manifest.js");
      const { commandRegistry } = await import("../core/commands/registry.js");
      try {
        process.stdout.write(
          slackManifestYaml({ commands: commandRegistry, socket: args.socket, url: args.url, locale }),
        );
      } catch (err) {
        if (err instanceof ManifestError) throw new CliUsageError(err.message);
        throw err;
      }
      return 0;
    }
    case "discord-register": {
      if (!config.DISCORD_TOKEN) throw new CliUsageError("discord-register needs DISCORD_TOKEN");
      const { describeRegistration, registerCommands } = await import("../bots/discord/registration.js");
      const result = await registerCommands({
        token: config.DISCORD_TOKEN,
        applicationId: config.DISCORD_APPLICATION_ID,
        guildId: args.guild,
        api: config.DISCORD_API_URL,
      });
      print(args.json ? JSON.stringify(result, null, 2) : describeRegistration(result));
      return 0;
    }
    case "curriculum":
      await withTutor(false, (tutor) => print(tutor.onboarding.describe(locale)));
      return 0;
    case "help":
    case "--help":
    case "-h":
      print(USAGE);
      return 0;
    default:
      throw new CliUsageError(`unknown command "${args.subcommand}"`);
  }
}
