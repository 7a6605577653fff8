import type { z } from "zod";
import type { Invocation } from "../commands/types.js";
import type { Reply } from "../reply.js";
import type { Tutor } from "../tutor.js";

/**
 * A button's handler. Button ids are `<prefix>:<payload>` (≤ 100 characters, Discord's limit); the payload
 * is validated by `schema` before `run` sees it, since anyone can send any id.
 */
export interface ActionSpec<P = unknown> {
  prefix: string;
  schema: z.ZodType<P>;
  run(tutor: Tutor, ctx: Invocation, payload: P): Promise<ActionResult> | ActionResult;
}

/** What pressing a button does: a reply to the presser, and optionally a new version of the message. */
export interface ActionResult {
  reply?: Reply;
  /** Replaces the message that holds the button (a quiz showing its answer count). */
  update?: Reply;
  /** Posts publicly in the channel (Share). */
  publish?: Reply;
}

export function defineAction<P>(spec: ActionSpec<P>): ActionSpec {
  return spec as unknown as ActionSpec;
}
