import type { z } from "zod";
import type { Bilingual } from "../../knowledge/catalog/types.js";
import type { Reply } from "../reply.js";
import type { TutorContext } from "../context.js";
import type { Invocation, RawArgs } from "../invocation.js";

export type { Invocation, Platform, RawArgs } from "../invocation.js";

export interface OptionSpec {
  name: string;
  description: Bilingual;
  type: "string" | "integer" | "user" | "channel";
  required: boolean;
  /** Takes the rest of a text command line (`/explain docker run -d nginx`). */
  rest?: boolean;
  /** Discord autocomplete for this option. */
  autocomplete?: boolean;
  choices?: readonly string[];
  maxLength?: number;
}

export interface CommandSpec<A extends RawArgs = RawArgs> {
  name: string;
  description: Bilingual;
  options: OptionSpec[];
  /** Validates and normalizes the arguments; its error messages reach the user. */
  schema: z.ZodType<A>;
  /** Only admins may run it. */
  admin?: boolean;
  /** Example invocations for /help. */
  examples: string[];
  run(tutor: TutorContext, ctx: Invocation, args: A): Promise<Reply> | Reply;
  /** Suggestions for an option being typed (Discord autocomplete). */
  autocomplete?(tutor: TutorContext, option: string, value: string): string[];
}

/** A command with subcommands (`/tutor daily set`), each a CommandSpec, grouped at most two deep. */
export interface CommandGroupSpec {
  name: string;
  description: Bilingual;
  admin?: boolean;
  examples: string[];
  subcommands: (CommandSpec | CommandGroupSpec)[];
}

export type AnyCommand = CommandSpec | CommandGroupSpec;

export function isGroup(c: AnyCommand): c is CommandGroupSpec {
  return "subcommands" in c;
}

/** Declares a command with its argument types inferred from the schema. */
export function defineCommand<A extends RawArgs>(spec: CommandSpec<A>): CommandSpec {
  return spec as unknown as CommandSpec;
}
