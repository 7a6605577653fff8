import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { parseGitSource } from "./notes-sync/git.js";

/** The project root: two levels above this file, both in src/ (tsx, vitest) and in dist/src/ (built). */
function projectRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const up = path.resolve(here, "..", "..");
  return path.basename(up) === "dist" ? path.dirname(up) : up;
}

export const PROJECT_ROOT = projectRoot();
export const BUNDLED_NOTES_DIR = path.join(PROJECT_ROOT, "notes");
export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, "migrations");

const optionalText = z
  .string()
  .trim()
  .transform((s) => (s === "" ? undefined : s))
  .optional();

const optionalUrl = z
  .string()
  .trim()
  .transform((s) => (s === "" ? undefined : s))
  .pipe(z.url({ protocol: /^https?$/ }).optional())
  .optional();

/**
 * A PostgreSQL connection URL (`postgres://user:password@host:5432/database`; a socket folder may be given
 * as `?host=/run/postgresql`). The message never repeats the value: it may hold a password.
 */
const postgresUrl = z
  .string()
  .trim()
  .transform((s) => (s === "" ? undefined : s))
  .pipe(
    z
      .string()
      .refine(
        (s) => {
          if (!URL.canParse(s)) return false;
          const u = new URL(s);
          return /^postgres(ql)?:$/.test(u.protocol) && (u.hostname !== "" || u.searchParams.has("host"));
        },
        { message: "must be a PostgreSQL URL: postgres://user:password@host:5432/database" },
      )
      .optional(),
  )
  .optional();

/** An empty variable counts as unset (an empty ConfigMap value, a blank line of .env). */
const emptyIsUnset = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/**
 * The most Discord shards the bot accepts. Discord recommends about one shard per 1000 servers, so 1000
 * shards serve a million servers, far past this bot's scale; a typo (DISCORD_SHARD_COUNT=20000) is refused.
 */
export const MAX_DISCORD_SHARDS = 1000;

/** A switch: true/false (also 1/0, yes/no, on/off); empty or unset is false. */
const onOff = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  z.stringbool({ error: "must be true or false" }).default(false),
);

/** A dashboard secret shorter than this is refused: 32 characters of a random string hold 128 bits or more. */
export const DASHBOARD_SECRET_MIN_LENGTH = 32;

/**
 * Every setting the bot reads, from the environment, parsed once. Documented in README.md and .env.example.
 * Secrets (tokens, keys) are only ever read here and are redacted from logs.
 */
export const configSchema = z
  .object({
    TUTOR_NOTES_DIR: optionalText,
    TUTOR_DB: z.string().trim().min(1).default("data/tutor.sqlite"),
    /** A database file built at image build time; copied to TUTOR_DB on first start when that does not exist. */
    TUTOR_SEED_DB: optionalText,
    /**
     * Where the state lives (quiz answers, reviews, schedules, onboarding, settings…): a PostgreSQL database
     * shared by every replica. Unset: the SQLite file TUTOR_DB, which also holds the knowledge index.
     */
    DATABASE_URL: postgresUrl,
    /**
     * `postgres`: the state must be in PostgreSQL, and an empty DATABASE_URL stops start-up (set by the
     * replica overlays: a replica falling back to its own SQLite file would disagree with the others).
     * `auto` (default): PostgreSQL when DATABASE_URL is set, else the SQLite file.
     */
    TUTOR_STATE_STORE: z.enum(["auto", "postgres"]).default("auto"),
    TUTOR_LOCALE: z.enum(["en", "ja"]).default("en"),
    TUTOR_ADMINS: z
      .string()
      .default("")
      .transform((s) =>
        s
          .split(",")
          .map((x) => x.trim())
          .filter(Boolean),
      ),
    TUTOR_TERMINAL: z.enum(["auto", "on", "off"]).default("auto"),
    /**
     * Tests only (refused unless NODE_ENV=test): a file holding the current instant (ISO-8601), read as the
     * bot's clock; each change of it lets the daily poster send what is due by then. See src/test-clock.ts.
     */
    TUTOR_TEST_CLOCK_FILE: optionalText,
    /** `test` under vitest: allows the test-only settings above. Otherwise not read. */
    NODE_ENV: optionalText,
    TUTOR_DAILY_REVEAL_MINUTES: z.coerce.number().int().min(0).max(10_080).default(0),
    /** Reindex when a file in the notes folder changes (fs.watch); off: only /tutor reindex and restarts. */
    TUTOR_NOTES_WATCH: z.preprocess(
      (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
      z.stringbool({ error: "must be true or false" }).default(true),
    ),
    /** A git repository of the notes, `URL#branch` (default branch main): cloned, then pulled on an interval. */
    TUTOR_NOTES_GIT: optionalText,
    /** Seconds between pulls of TUTOR_NOTES_GIT: at least 10 s, at most a day. */
    TUTOR_NOTES_GIT_INTERVAL: z.coerce.number().int().min(10).max(86_400).default(300),
    /** Where TUTOR_NOTES_GIT is cloned (default: notes-git next to TUTOR_DB). */
    TUTOR_NOTES_GIT_DIR: optionalText,
    PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
    HOST: z.string().trim().min(1).default("0.0.0.0"),
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    SLACK_BOT_TOKEN: optionalText,
    SLACK_SIGNING_SECRET: optionalText,
    SLACK_APP_TOKEN: optionalText,
    SLACK_API_URL: optionalUrl,
    DISCORD_TOKEN: optionalText,
    DISCORD_APPLICATION_ID: optionalText,
    DISCORD_API_URL: optionalUrl,
    /** Welcome members who join a server (needs the privileged Server Members intent). */
    DISCORD_MEMBER_JOINS: onOff,
    /** Answer messages that @mention the bot, in a thread (needs the Guild Messages intent). */
    DISCORD_MENTIONS: onOff,
    /** Answer direct messages to the bot (needs the Direct Messages intent, not privileged). */
    DISCORD_DIRECT_MESSAGES: onOff,
    /**
     * Read messages in channels without a mention: replies in the bot's threads and questions in channels
     * set to auto-answer (needs the privileged Message Content intent, enabled in the developer portal).
     */
    DISCORD_MESSAGE_CONTENT: onOff,
    /** Discord gateway shards over all processes (1: unsharded); each process runs one. README: "Scaling out". */
    DISCORD_SHARD_COUNT: z.preprocess(
      emptyIsUnset,
      z.coerce.number().int().min(1).max(MAX_DISCORD_SHARDS).default(1),
    ),
    /** This process's shard (0 ≤ id < DISCORD_SHARD_COUNT); in a StatefulSet leave it unset, POD_NAME says. */
    DISCORD_SHARD_ID: z.preprocess(emptyIsUnset, z.coerce.number().int().min(0).optional()),
    /** The pod's name (Kubernetes downward API): a StatefulSet pod's -N ordinal is its Discord shard id. */
    POD_NAME: optionalText,
    OPENAI_BASE_URL: optionalUrl,
    OPENAI_API_KEY: optionalText,
    OPENAI_MODEL: optionalText,
    /**
     * Signs the dashboard's links and sessions (HMAC-SHA256): at least DASHBOARD_SECRET_MIN_LENGTH
     * characters, the same on every replica. Unset: no dashboard, except in the terminal (a random one).
     */
    DASHBOARD_SECRET: z
      .string()
      .trim()
      .transform((s) => (s === "" ? undefined : s))
      .pipe(
        z
          .string()
          .min(DASHBOARD_SECRET_MIN_LENGTH, `must be at least ${DASHBOARD_SECRET_MIN_LENGTH} characters`)
          .optional(),
      )
      .optional(),
    /** The address people open the dashboard at (default http://127.0.0.1:PORT). */
    TUTOR_PUBLIC_URL: optionalUrl,
    /** The notes folder in the team's repository browser: the dashboard links findings to file and line. */
    TUTOR_NOTES_URL: optionalUrl,
  })
  .superRefine((c, ctx) => {
    if (c.TUTOR_STATE_STORE === "postgres" && !c.DATABASE_URL)
      ctx.addIssue({
        code: "custom",
        path: ["DATABASE_URL"],
        message: "is required with TUTOR_STATE_STORE=postgres (the state of several replicas must be shared)",
      });
    if (c.SLACK_BOT_TOKEN && !c.SLACK_SIGNING_SECRET && !c.SLACK_APP_TOKEN) {
      ctx.addIssue({
        code: "custom",
        path: ["SLACK_SIGNING_SECRET"],
        message: "is required with SLACK_BOT_TOKEN (or set SLACK_APP_TOKEN for Socket Mode)",
      });
    }
    if ((c.SLACK_SIGNING_SECRET || c.SLACK_APP_TOKEN) && !c.SLACK_BOT_TOKEN) {
      ctx.addIssue({
        code: "custom",
        path: ["SLACK_BOT_TOKEN"],
        message: "is required to run the Slack app",
      });
    }
    if (c.SLACK_BOT_TOKEN && !c.SLACK_BOT_TOKEN.startsWith("xoxb-")) {
      ctx.addIssue({ code: "custom", path: ["SLACK_BOT_TOKEN"], message: "must be a bot token (xoxb-…)" });
    }
    if (c.SLACK_APP_TOKEN && !c.SLACK_APP_TOKEN.startsWith("xapp-")) {
      ctx.addIssue({
        code: "custom",
        path: ["SLACK_APP_TOKEN"],
        message: "must be an app-level token (xapp-…)",
      });
    }
    if (c.TUTOR_NOTES_GIT) {
      try {
        parseGitSource(c.TUTOR_NOTES_GIT);
      } catch (err) {
        ctx.addIssue({ code: "custom", path: ["TUTOR_NOTES_GIT"], message: (err as Error).message });
      }
    }
    if (c.TUTOR_TEST_CLOCK_FILE && c.NODE_ENV !== "test") {
      ctx.addIssue({
        code: "custom",
        path: ["TUTOR_TEST_CLOCK_FILE"],
        message: "is for tests only (NODE_ENV=test); unset it",
      });
    }
    if (c.OPENAI_BASE_URL && !c.OPENAI_MODEL) {
      ctx.addIssue({ code: "custom", path: ["OPENAI_MODEL"], message: "is required with OPENAI_BASE_URL" });
    }
    const shard = discordShard(c);
    if ("problem" in shard) ctx.addIssue({ code: "custom", path: [shard.variable], message: shard.problem });
  });

export type Config = z.infer<typeof configSchema>;

/**
 * A StatefulSet pod is named <statefulset>-<ordinal>. At most 4 digits (ids stay below MAX_DISCORD_SHARDS;
 * a larger one is still read, then refused as out of range): a Deployment's pods end in a random 5-character
 * suffix instead, which is never read as an ordinal even when it happens to be all digits.
 */
const POD_ORDINAL = /-(0|[1-9]\d{0,3})$/;

/** This process's Discord shard and the variable that gave its id. */
export interface DiscordShard {
  id: number;
  count: number;
  from: "DISCORD_SHARD_ID" | "POD_NAME" | "unsharded";
}

type ShardVariables = {
  DISCORD_SHARD_COUNT: number;
  DISCORD_SHARD_ID?: number | undefined;
  POD_NAME?: string | undefined;
};

/**
 * This process's Discord shard, or why it cannot have one. Two processes must never run the same shard
 * (Discord would deliver every event of its servers to both, and each command would be answered twice), so
 * an id is taken only from DISCORD_SHARD_ID or from a StatefulSet pod's ordinal (Kubernetes runs at most one
 * pod per ordinal), and refused whenever it could be shared: sharded without either (every process would be
 * shard 0); DISCORD_SHARD_ID contradicting the pod's ordinal (one id in a ConfigMap given to every pod); a pod
 * without an ordinal (a Deployment's replicas share one environment); an id not below the count (more
 * replicas than shards). The host name is not read: a laptop called build-2 would quietly become shard 2.
 */
export function discordShard(c: ShardVariables): DiscordShard | { variable: string; problem: string } {
  const count = c.DISCORD_SHARD_COUNT;
  const explicit = c.DISCORD_SHARD_ID;
  const match = c.POD_NAME === undefined ? null : POD_ORDINAL.exec(c.POD_NAME);
  const ordinal = match ? Number(match[1]) : undefined;
  if (explicit !== undefined && explicit >= count)
    return { variable: "DISCORD_SHARD_ID", problem: `must be below DISCORD_SHARD_COUNT (${count})` };
  if (ordinal !== undefined) {
    if (explicit !== undefined && explicit !== ordinal)
      return {
        variable: "DISCORD_SHARD_ID",
        problem: `is ${explicit} but the pod's ordinal (POD_NAME ${c.POD_NAME}) is ${ordinal}: set one, not both`,
      };
    if (ordinal >= count)
      return {
        variable: "POD_NAME",
        problem: `pod ordinal ${ordinal} is not below DISCORD_SHARD_COUNT (${count}): more replicas than shards`,
      };
    return { id: ordinal, count, from: "POD_NAME" };
  }
  if (count === 1) return { id: 0, count, from: "unsharded" };
  if (c.POD_NAME !== undefined)
    return {
      variable: "POD_NAME",
      problem: `${c.POD_NAME} has no -N ordinal, so its shard could be another replica's: run sharded Discord as a StatefulSet`,
    };
  if (explicit === undefined)
    return {
      variable: "DISCORD_SHARD_ID",
      problem: `is required with DISCORD_SHARD_COUNT ${count} (or POD_NAME of a StatefulSet pod)`,
    };
  return { id: explicit, count, from: "DISCORD_SHARD_ID" };
}

/** The names of the variables that hold secrets: they go in the Kubernetes Secret and are redacted in logs. */
export const SECRET_VARIABLES = [
  "SLACK_BOT_TOKEN",
  "SLACK_SIGNING_SECRET",
  "SLACK_APP_TOKEN",
  "DISCORD_TOKEN",
  "OPENAI_API_KEY",
  "DATABASE_URL",
  "DASHBOARD_SECRET",
] as const;

export class ConfigError extends Error {}

/**
 * Development convenience: variables from a `.env` file in the working directory, for those not already
 * set in the environment (which always wins). Node's own parser; no file, no change.
 */
export function loadDotEnv(file = ".env"): void {
  if (!fs.existsSync(file)) return;
  const before = { ...process.env };
  process.loadEnvFile(file);
  for (const [k, v] of Object.entries(before)) process.env[k] = v;
}

/** Parses the environment once. A bad value throws a ConfigError whose message names the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const name = issue?.path.join(".") || "environment";
  throw new ConfigError(`Configuration error: ${name} ${issue ? issue.message : "is invalid"}`);
}

export function notesDirOf(
  config: Pick<Config, "TUTOR_NOTES_DIR"> &
    Partial<Pick<Config, "TUTOR_NOTES_GIT" | "TUTOR_NOTES_GIT_DIR" | "TUTOR_DB">>,
): string {
  // A notes repository is read from its clone.
  if (config.TUTOR_NOTES_GIT) return gitNotesDirOf(config);
  return config.TUTOR_NOTES_DIR ? path.resolve(config.TUTOR_NOTES_DIR) : BUNDLED_NOTES_DIR;
}

/** Where TUTOR_NOTES_GIT is cloned: TUTOR_NOTES_GIT_DIR, else `notes-git` next to the database. */
export function gitNotesDirOf(config: Partial<Pick<Config, "TUTOR_NOTES_GIT_DIR" | "TUTOR_DB">>): string {
  if (config.TUTOR_NOTES_GIT_DIR) return path.resolve(config.TUTOR_NOTES_GIT_DIR);
  return path.join(path.dirname(path.resolve(config.TUTOR_DB ?? "data/tutor.sqlite")), "notes-git");
}
