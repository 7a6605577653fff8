// The command-line arguments of the evaluation and benchmark scripts (npm run eval, bench:*): an unknown option
// or a count that is not a number is answered with the script's usage and exit code 2, not a stack trace or a
// run on NaN.
import { type ParseArgsConfig, parseArgs } from "node:util";

type Parsed<T extends ParseArgsConfig> = ReturnType<typeof parseArgs<T>>;

/** The parsed arguments, or what is wrong with them (node's own message: "Unknown option '--bogus'"). */
export function readScriptArgs<T extends ParseArgsConfig>(
  config: T,
): { ok: true; parsed: Parsed<T> } | { ok: false; message: string } {
  try {
    return { ok: true, parsed: parseArgs(config) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** Prints the usage line and the problem to stderr and ends the script with code 2. */
export function usageError(usage: string, message: string): never {
  console.error(`${usage}\n${message}`);
  process.exit(2);
}

/** parseArgs, with a bad argument ending the script with its usage (usageError). */
export function scriptArgs<T extends ParseArgsConfig>(config: T, usage: string): Parsed<T> {
  const read = readScriptArgs(config);
  if (!read.ok) usageError(usage, read.message);
  return read.parsed;
}

/** A whole number of at least `min` written as an option's value ("175"), or why it is not one. */
export function readCount(
  name: string,
  value: string,
  min = 1,
): { ok: true; count: number } | { ok: false; message: string } {
  const n = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  return Number.isSafeInteger(n) && n >= min
    ? { ok: true, count: n }
    : { ok: false, message: `--${name} takes a whole number of at least ${min}, not '${value}'` };
}

/** readCount, with a bad value ending the script with its usage (usageError). */
export function countArg(name: string, value: string, usage: string, min = 1): number {
  const read = readCount(name, value, min);
  if (!read.ok) usageError(usage, read.message);
  return read.count;
}
