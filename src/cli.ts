#!/usr/bin/env node
// Entry point of `npm run tutor` / the `tutor` binary: one-shot commands (explain, ask, doctor, index, …).
import { CliUsageError } from "./bots/terminal/cli-args.js";
import { main, USAGE } from "./bots/terminal/cli.js";
import { ConfigError } from "./core/config.js";
import { NotesError } from "./knowledge/notes-loader.js";

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof CliUsageError) {
      process.stderr.write(`tutor: ${err.message}\n\n${USAGE}\n`);
      process.exitCode = 2;
    } else if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exitCode = 1;
    } else if (err instanceof NotesError) {
      process.stderr.write(`Configuration error: TUTOR_NOTES_DIR (or --notes): ${err.message}\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(`tutor: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    }
  },
);
