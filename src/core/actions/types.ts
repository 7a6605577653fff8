import type { z } from "zod";
import type { Invocation } from "../invocation.js";
import type { ActionResult } from "../reply.js";
import type { Dispatch, TutorContext } from "../context.js";

/**
 * A button's handler. Button ids are `<prefix>:<payload>` (≤ 100 characters, Discord's limit); the payload
 * is validated by `schema` before `run` sees it, since anyone can send any id.
 */
export interface ActionSpec<P = unknown> {
  prefix: string;
  schema: z.ZodType<P>;
  run(tutor: TutorContext & Dispatch, ctx: Invocation, payload: P): Promise<ActionResult> | ActionResult;
}

export function defineAction<P>(spec: ActionSpec<P>): ActionSpec {
  return spec as unknown as ActionSpec;
}

export type { ActionResult } from "../reply.js";
