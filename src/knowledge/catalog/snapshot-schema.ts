import { z } from "zod";
import type { Tool } from "./types.js";

// The shape of the generated command reference (src/knowledge/catalog/generated/reference.ts), checked by
// the tests and written by `npm run catalog:update`. The bot itself only JSON-parses the lines (see
// snapshot.ts), so zod is not loaded at start-up for it.

const flagSchema = z.object({
  long: z.string().optional(),
  short: z.string().optional(),
  takesValue: z.boolean(),
  valueType: z.string().optional(),
  optionalValue: z.boolean().optional(),
  deprecated: z.boolean().optional(),
  hidden: z.boolean().optional(),
  /** An option of a parent command that this one reads too (compose's `--file`). */
  inherited: z.boolean().optional(),
  description: z.string(),
});

const commandSchema = z.object({
  tool: z.enum(["docker", "kubectl"]),
  /** Which source documented it: an id of {@link sourceSchema}. */
  source: z.string(),
  name: z.string(),
  aliases: z.array(z.string()),
  summary: z.string(),
  usage: z.string().optional(),
  /** Has subcommands (`docker container`, `kubectl rollout`). */
  group: z.boolean().optional(),
  flagsBeforeArgsOnly: z.boolean().optional(),
  deprecated: z.boolean().optional(),
  hidden: z.boolean().optional(),
  flags: z.array(flagSchema),
});

const sourceSchema = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  licence: z.string(),
  version: z.string(),
  commit: z.string().optional(),
});

/** A built-in Kubernetes object type: `Deployment` in group `apps` (`""` is the core group), version `v1`. */
const kindSchema = z.object({ kind: z.string(), group: z.string(), version: z.string() });

const metaSchema = z.object({
  generatedAt: z.string(),
  generator: z.string(),
  sources: z.array(sourceSchema),
  globalFlags: z.object({ docker: z.array(flagSchema), kubectl: z.array(flagSchema) }),
  kinds: z.array(kindSchema),
});

export type SnapshotFlag = z.infer<typeof flagSchema>;
export type SnapshotCommand = z.infer<typeof commandSchema> & { tool: Tool };
export type SnapshotSource = z.infer<typeof sourceSchema>;
export type SnapshotMeta = z.infer<typeof metaSchema>;
export type SnapshotKind = z.infer<typeof kindSchema>;

export interface Snapshot {
  meta: SnapshotMeta;
  commands: SnapshotCommand[];
}

/** The snapshot as the generator writes it: a meta line, then one command per line (diffable). */
export function serializeSnapshot(snapshot: Snapshot): string[] {
  return [JSON.stringify(snapshot.meta), ...snapshot.commands.map((c) => JSON.stringify(c))];
}

/** Parses and checks the lines of a snapshot. Throws on a malformed one. */
export function parseSnapshot(lines: readonly string[]): Snapshot {
  const [head, ...rest] = lines;
  return {
    meta: metaSchema.parse(JSON.parse(head ?? "{}")),
    commands: rest.map((l) => commandSchema.parse(JSON.parse(l))),
  };
}
