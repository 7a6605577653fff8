import { storageProblemReply } from "../errors.js";
import { storageProblemOf } from "../storage/errors.js";
import { atomically } from "../storage/transaction.js";
import type { Reply } from "../reply.js";
import type { TutorContext } from "../context.js";
import { type AnyCommand, type CommandSpec, type Invocation, isGroup } from "./types.js";

/**
 * Runs a use case in one transaction and turns a database that refuses it (disk full, read-only, damaged)
 * into a clear reply instead of "Something went wrong"; logged as a warning for the operator. Any other
 * error goes on to the caller.
 */
export function runGuarded<R>(
  tutor: TutorContext,
  ctx: Invocation,
  what: string,
  work: () => R | Promise<R>,
  asResult: (r: Reply) => R,
): R | Promise<R> {
  const refused = (err: unknown): R => {
    const answer = storageProblemReply(err, ctx.locale);
    if (!answer) throw err;
    tutor.logger.warn({ err, problem: storageProblemOf(err), what }, "database refused a write");
    return asResult(answer);
  };
  try {
    const result = atomically(tutor.db, work);
    return isPromise(result) ? result.catch(refused) : result;
  } catch (err) {
    return refused(err);
  }
}

function isPromise<R>(value: R | Promise<R>): value is Promise<R> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}

/** A command (or every command of a group) run through `runGuarded`. */
export function guarded(cmd: AnyCommand, prefix = ""): AnyCommand {
  const name = `${prefix}/${cmd.name}`.replace(/^\/\//, "/");
  if (isGroup(cmd)) return { ...cmd, subcommands: cmd.subcommands.map((c) => guarded(c, `${name} `)) };
  const run = cmd.run;
  const spec: CommandSpec = {
    ...cmd,
    run: (tutor, ctx, args) =>
      runGuarded(
        tutor,
        ctx,
        name,
        () => run(tutor, ctx, args),
        (r) => r,
      ),
  };
  return spec;
}
