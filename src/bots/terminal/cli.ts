import { loadConfig, loadDotEnv, notesDirOf } from "../../core/config.js";
import { doctorReport } from "../../core/doctor.js";
import { gapsReply, gapsReport } from "../../core/gaps/report.js";
import type { Locale } from "../../core/i18n.js";
import { createLogger } from "../../core/logger.js";
import { DatabaseOpenError } from "../../core/storage/errors.js";
import { Tutor } from "../../core/tutor.js";
import { withBreakdown } from "../../knowledge/command-line.js";
import { CliUsageError, parseCliArgs } from "./cli-args.js";
import { renderText } from "./render.js";
import { terminalInvocation } from "./session.js";

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
  serve                    run the bot (same as npm start)

Options: --json  --notes DIR  --db FILE  --locale en|ja`;

function print(text: string): void {
  process.stdout.write(`${text}\n`);
}

export async function main(argv: readonly string[]): Promise<number> {
  const args = parseCliArgs(argv);
  if (args.subcommand === "serve" || args.subcommand === "") {
    const { serve } = await import("../../main.js");
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
  // The optional language model, loaded only when configured.
  const writer =
    config.OPENAI_BASE_URL && config.OPENAI_MODEL
      ? (await import("../../core/llm/openai-writer.js")).createOpenAIWriter({
          baseURL: config.OPENAI_BASE_URL,
          apiKey: config.OPENAI_API_KEY,
          model: config.OPENAI_MODEL,
          logger,
        })
      : undefined;
  const open = () =>
    Tutor.open({
      dbFile: config.TUTOR_DB,
      notesDir: notesDirOf(config),
      seedDb: config.TUTOR_SEED_DB,
      logger,
      writer,
    });
  // explain, ask and doctor only read: on a database this user may not write, they answer from a copy
  // in memory (src/core/storage/database.ts); every other command refuses with the file and what to do.
  const openForReading = () => {
    try {
      return open();
    } catch (err) {
      if (!(err instanceof DatabaseOpenError) || err.problem !== "readonly") throw err;
      logger.warn({ file: err.file }, "database is read-only: reading a copy in memory, nothing is saved");
      return Tutor.open({
        dbFile: ":memory:",
        seedDb: config.TUTOR_DB,
        notesDir: notesDirOf(config),
        logger,
        writer,
      });
    }
  };

  switch (args.subcommand) {
    case "explain":
    case "ask": {
      if (!args.query)
        throw new CliUsageError(
          `tutor ${args.subcommand} needs a ${args.subcommand === "ask" ? "question" : "command line"}`,
        );
      const tutor = openForReading();
      try {
        if (args.json) {
          const json =
            args.subcommand === "explain"
              ? withBreakdown(tutor.index.explain(args.query).response, args.query, locale)
              : tutor.index.ask(args.query).response;
          print(JSON.stringify(json, null, 2));
        } else {
          const r = await tutor.runCommand(
            terminalInvocation(locale),
            [args.subcommand],
            args.subcommand === "ask" ? { question: args.query } : { command: args.query },
          );
          print(renderText(r, locale));
        }
      } finally {
        tutor.close();
      }
      return 0;
    }
    case "doctor": {
      const tutor = openForReading();
      try {
        const findings = tutor.index.findings();
        print(
          args.json
            ? JSON.stringify({ count: findings.length, findings }, null, 2)
            : renderText(doctorReport(tutor, locale), locale),
        );
        return 0;
      } finally {
        tutor.close();
      }
    }
    case "gaps": {
      // Every workspace of the database: the operator's view of what people asked on every platform.
      const tutor = openForReading();
      try {
        const report = gapsReport(tutor, null);
        print(args.json ? JSON.stringify(report, null, 2) : renderText(gapsReply(report, locale), locale));
        return 0;
      } finally {
        tutor.close();
      }
    }
    case "index": {
      const tutor = open();
      try {
        const info = tutor.reindex(args.force);
        print(
          args.json
            ? JSON.stringify(info, null, 2)
            : `${info.rebuilt ? "Indexed" : "Index up to date:"} ${info.files} file(s), ${info.entries} entries, ${info.findings} findings from ${info.notesDir} (${info.buildMs.toFixed(0)} ms)`,
        );
        return 0;
      } finally {
        tutor.close();
      }
    }
    case "slack-manifest": {
      const { ManifestError, slackManifestYaml } = await import("../slack/manifest.js");
      const { commandRegistry } = await import("../../core/commands/registry.js");
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
      const { describeRegistration, registerCommands } = await import("../discord/registration.js");
      const result = await registerCommands({
        token: config.DISCORD_TOKEN,
        applicationId: config.DISCORD_APPLICATION_ID,
        guildId: args.guild,
        api: config.DISCORD_API_URL,
      });
      print(args.json ? JSON.stringify(result, null, 2) : describeRegistration(result));
      return 0;
    }
    case "curriculum": {
      const tutor = open();
      try {
        print(tutor.onboarding.describe(locale));
        return 0;
      } finally {
        tutor.close();
      }
    }
    case "help":
    case "--help":
    case "-h":
      print(USAGE);
      return 0;
    default:
      throw new CliUsageError(`unknown command "${args.subcommand}"`);
  }
}
