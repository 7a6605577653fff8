import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Invocation, RawArgs } from "../commands/types.js";
import { t } from "../i18n.js";
import { type Choice, type Reply, reply } from "../reply.js";
import type { Tutor } from "../tutor.js";
import { defineAction } from "./types.js";

/** Commands whose answers can be shared to the channel. */
export const SHAREABLE = new Set(["explain", "ask"]);

/** Remembers an answer's command so the Share button can rebuild it publicly; returns the button. */
export function shareChoice(tutor: Tutor, ctx: Invocation, path: readonly string[], args: RawArgs): Choice {
  const id = randomBytes(9).toString("base64url");
  tutor.db
    .prepare(
      "INSERT INTO shared_answers (id, platform, workspace_id, user_id, command, args_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .run(
      id,
      ctx.platform,
      ctx.workspaceId,
      ctx.userId,
      path.join(" "),
      JSON.stringify(args),
      tutor.now().toISOString(),
    );
  return { id: `share:${id}`, label: t(ctx.locale, "share"), style: "secondary" };
}

const argsSchema = z.record(z.string(), z.union([z.string(), z.number()]));

/** Share: posts the same answer publicly, credited to the person who shared it. */
export const shareAction = defineAction({
  prefix: "share",
  schema: z.string().regex(/^[\w-]{8,32}$/),
  run: async (tutor, ctx, id) => {
    const row = tutor.db
      .prepare("SELECT command, args_json, workspace_id FROM shared_answers WHERE id = ?")
      .get(id) as { command: string; args_json: string; workspace_id: string } | undefined;
    if (!row || row.workspace_id !== ctx.workspaceId) {
      return {
        reply: reply({ blocks: [{ type: "note", tone: "info", text: t(ctx.locale, "expiredButton") }] }),
      };
    }
    const args = argsSchema.parse(JSON.parse(row.args_json));
    const answer: Reply = await tutor.runCommand(ctx, row.command.split(" "), args);
    const credit = t(ctx.locale, "sharedBy", { user: ctx.userName ?? ctx.userId });
    const publish: Reply = {
      ...answer,
      ephemeral: false,
      choices: [],
      subtitle: [answer.subtitle, credit].filter(Boolean).join(" · "),
    };
    return {
      publish,
      reply: reply({ blocks: [{ type: "note", tone: "success", text: t(ctx.locale, "shared") }] }),
    };
  },
});
