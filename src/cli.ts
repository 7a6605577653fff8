#!/usr/bin/env node
// Entry point of `npm run tutor` / the `tutor` binary: one-shot commands (explain, ask, doctor, index, …).
import { CliUsageError } from "./cli/args.js";
import { main, USAGE } from "./cli/main.js";
import { ConfigError } from "./core/config.js";
import { NotesError } from "./knowledge/notes-loader.js";

// `tutor … | head`: the reader has what it wanted and closed the pipe. Writing on is pointless and not an
// error, so the process ends quietly instead of dying with Node's EPIPE stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(0);
    process.exitCode = 1;
  });
}

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
