import { type IndexInfo, ensureIndex } from "../knowledge/index-store.js";
import { KnowledgeIndex } from "../knowledge/search.js";
import { explainReply } from "./answers/explain.js";
import { withFeedback } from "./feedback/choices.js";
import { IndexSlot } from "./notes-sync/slot.js";
import { NotesSync } from "./notes-sync/sync.js";
import { actionRegistry } from "./actions/registry.js";
import { AnswerQueue, QueueFullError } from "./answer-queue.js";
import { SHAREABLE, shareChoice } from "./actions/share.js";
import type { ActionResult } from "./actions/types.js";
import { commandRegistry } from "./commands/registry.js";
import { parseCommandText } from "./commands/parse-text.js";
import {
  type AnyCommand,
  type CommandSpec,
  type Invocation,
  type Platform,
  isGroup,
  type RawArgs,
} from "./commands/types.js";
import { type ChatMessage, answerMessage } from "./conversation/messages.js";
import { historyAware } from "./conversation/history.js";
import { UserError } from "./errors.js";
import { type Locale, t } from "./i18n.js";
import type { Outcome } from "./context.js";
import type { AnswerWriter } from "./llm/types.js";
import type { Logger } from "./logger.js";
import { type Reply, reply } from "./reply.js";
import { Onboarding } from "./onboarding/onboarding.js";
import { DailyPoster } from "./quiz/daily.js";
import { Quiz, placeOf } from "./quiz/quiz.js";
import { CommandLimiter, type LimitScope } from "./rate-limit.js";
import { type Db, openDatabase } from "./storage/database.js";
import { sqliteStores } from "./storage/sqlite/index.js";
import type { ChannelSettingsStore, ConversationStore, StateStores } from "./storage/stores.js";

export interface TutorOptions {
  /** The optional language model for /ask summaries; absent by default. */
  writer?: AnswerWriter | undefined;
  /** Language of posts the bot makes by itself (daily quizzes). */
  locale?: Locale;
  /** Reveal daily answers after this many minutes (0: with the next post). */
  dailyRevealMinutes?: number;
  dbFile: string;
  notesDir: string;
  seedDb?: string | undefined;
  logger: Logger;
  /** Slack user ids (or other platform ids) that count as admins. */
  admins?: string[];
  now?: () => Date;
  /** The clock of the rate limit, in milliseconds (tests); real time by default, whatever `now` says. */
  limitClock?: () => number;
  /**
   * Where the state lives (quizzes, schedules, onboarding, feedback, conversations…): stores opened by the
   * caller (PostgreSQL: `openPostgresStores`), who also closes them. By default the stores on `dbFile`.
   */
  state?: StateStores | undefined;
}

/** `limited`: refused by the rate limit; `busy`: the answer queue was full. */
export type { Outcome } from "./context.js";

/** Called when the rate limit refuses a command, for metrics. */
export type LimitObserver = (command: string, scope: LimitScope) => void;

/** How a command run went, and the version of the notes (index hash) its answer was read from. */
interface RunState {
  outcome: Outcome;
  version: string;
}

/** Called after every command and action, for metrics. */
export type CommandObserver = (name: string, outcome: Outcome, seconds: number) => void;

/** The tutor: the knowledge index, the database and every use case, behind one object the adapters call. */
export class Tutor {
  readonly commands: readonly AnyCommand[] = commandRegistry;
  /** The index answers read: swapped atomically on a reload, each answer pinned to one (notes-sync/slot.ts). */
  readonly indexes: IndexSlot;
  /** Reloads of the notes without a restart: folder watch, git pulls, /tutor reindex. */
  readonly notes: NotesSync;
  readonly admins: ReadonlySet<string>;
  readonly now: () => Date;
  /** The state stores (quiz, reviews, scores, schedules, onboarding, shares, feedback…): SQLite or PostgreSQL. */
  readonly state: StateStores;
  readonly quiz: Quiz;
  readonly daily: DailyPoster;
  readonly onboarding: Onboarding;
  readonly writer: AnswerWriter | undefined;
  /** Where answers wait their turn, so that acknowledgements never wait behind them. */
  readonly answers = new AnswerQueue();
  readonly limiter: CommandLimiter;
  /** Per-channel settings (/tutor channel …): the state stores' own. */
  readonly channelSettings: ChannelSettingsStore;
  /** The last few questions of each thread, DM and terminal session, for follow-ups: the state stores' own. */
  readonly conversations: ConversationStore;
  private observers: CommandObserver[] = [];
  private limitObservers: LimitObserver[] = [];
  private joinHooks: ((ctx: Invocation) => Promise<Reply | null> | Reply | null)[] = [];
  private inFlight = 0;
  private closed = false;

  private constructor(
    readonly db: Db,
    readonly notesDir: string,
    readonly logger: Logger,
    options: TutorOptions,
  ) {
    // The index is built (or reused) first: KnowledgeIndex reads the label and counts of what is there.
    const info = ensureIndex(db, notesDir);
    this.indexes = new IndexSlot({ index: new KnowledgeIndex(db), info });
    this.notes = new NotesSync({
      slot: this.indexes,
      dbFile: options.dbFile,
      notesDir,
      logger,
      now: () => this.now(),
    });
    this.admins = new Set(options.admins ?? []);
    this.now = options.now ?? (() => new Date());
    // The model is also told the earlier questions of the conversation it answers in.
    this.writer = options.writer && historyAware(options.writer);
    this.limiter = new CommandLimiter(options.limitClock);
    this.state = options.state ?? sqliteStores(db);
    this.channelSettings = this.state.channelSettings;
    this.conversations = this.state.conversations;
    this.quiz = new Quiz(this.state, () => this.index, this.now, options.locale ?? "en");
    this.daily = new DailyPoster(this.quiz, this.state.schedules, {
      locale: options.locale ?? "en",
      revealMinutes: options.dailyRevealMinutes ?? 0,
      now: this.now,
      logger,
      commandOfDay: {
        posts: this.state.dailyCommands,
        index: () => this.index,
        explain: (command, place, locale) =>
          explainReply(
            this,
            { ...place, platform: place.platform as Platform, userId: "daily", locale, isAdmin: false },
            command,
          ),
      },
    });
    this.onboarding = new Onboarding(
      this.state.onboarding,
      this.quiz,
      () => this.index,
      notesDir,
      this.now,
      logger,
      options.locale ?? "en",
    );
    this.onMemberJoined((ctx) => this.onboarding.welcome(ctx));
  }

  static open(options: TutorOptions): Tutor {
    const db = openDatabase(options.dbFile, { seed: options.seedDb });
    try {
      const tutor = new Tutor(db, options.notesDir, options.logger, options);
      options.logger.debug({ index: tutor.indexInfo }, "index ready");
      return tutor;
    } catch (err) {
      db.close();
      throw err;
    }
  }

  /** The index of the running answer (or the current one). */
  get index(): KnowledgeIndex {
    return this.indexes.index;
  }

  get indexInfo(): IndexInfo {
    return this.indexes.info;
  }

  /**
   * Rebuilds the index in the main database when the notes changed since it was built (or always, with
   * force): the CLI's `tutor index`. A running bot reloads beside it instead (`notes.reload`).
   */
  reindex(force = false): IndexInfo {
    const info = ensureIndex(this.db, this.notesDir, force);
    if (info.rebuilt || this.indexes.info.hash !== info.hash)
      this.indexes.swap({ index: new KnowledgeIndex(this.db), info });
    return info;
  }

  onCommand(observer: CommandObserver): void {
    this.observers.push(observer);
  }

  onLimited(observer: LimitObserver): void {
    this.limitObservers.push(observer);
  }

  get busy(): number {
    return this.inFlight;
  }

  /**
   * Counts an adapter's work around core (sending the answer, posting a Share) as in flight, so a
   * shutdown waits for the answer to leave, not only to be computed.
   */
  async track<T>(work: () => Promise<T>): Promise<T> {
    this.inFlight++;
    try {
      return await work();
    } finally {
      this.inFlight--;
    }
  }

  /** Finds a command by its path (`["tutor", "daily", "set"]`). */
  find(path: readonly string[]): CommandSpec | undefined {
    let list: readonly AnyCommand[] = this.commands;
    let found: AnyCommand | undefined;
    for (const name of path) {
      found = list.find((c) => c.name === name);
      if (!found) return undefined;
      list = isGroup(found) ? found.subcommands : [];
    }
    return found && !isGroup(found) ? found : undefined;
  }

  /** Runs a command typed as text: the terminal, Slack, mentions. */
  async runText(ctx: Invocation, line: string): Promise<Reply> {
    const parsed = parseCommandText(this.commands, line);
    if (!parsed.ok) {
      if (parsed.reason === "empty") return this.runCommand(ctx, ["help"], {});
      if (parsed.reason === "incomplete" && parsed.command)
        return this.usage(ctx, parsed.path, parsed.command);
      return reply({
        blocks: [
          {
            type: "note",
            tone: "info",
            text: t(ctx.locale, "unknownCommand", { command: `/${parsed.path.join(" ")}` }),
          },
        ],
      });
    }
    return (await this.execute(ctx, parsed.path, parsed.args, { limited: true })).reply;
  }

  private usage(ctx: Invocation, path: string[], cmd: AnyCommand): Reply {
    // An admin group's subcommands are admin detail: a non-admin learns only that it is for admins.
    if (this.requiresAdmin(path) && !ctx.isAdmin) {
      const text = t(ctx.locale, "adminOnly", { command: `/${path.join(" ")}` });
      return reply({ blocks: [{ type: "note", tone: "error", text }] });
    }
    const subs = isGroup(cmd) ? cmd.subcommands.map((s) => `/${[...path, s.name].join(" ")}`) : [];
    return reply({
      title: `/${path.join(" ")}`,
      blocks: [
        { type: "text", text: [cmd.description[ctx.locale], ...subs.map((s) => `• \`${s}\``)].join("\n") },
      ],
    });
  }

  /**
   * For chat platforms: runs the command, and gives a private answer of a shareable command (explain,
   * ask) a Share button that reposts it in the channel.
   */
  async runForChat(ctx: Invocation, path: readonly string[], raw: RawArgs): Promise<Reply> {
    const { reply: answered, outcome, version } = await this.execute(ctx, path, raw, { limited: true });
    // A slow-down or busy note is no answer to share.
    if (outcome === "limited" || outcome === "busy") return answered;
    const r = await withFeedback(this, ctx, path, raw, answered, version);
    if (r.ephemeral && !r.notFound && path.length === 1 && SHAREABLE.has(path[0] ?? "")) {
      // A DM is private by nature: nothing to share to. A channel may post these answers for everyone.
      if (ctx.direct) return r;
      if (!(await this.channelSettings.get(placeOf(ctx))).ephemeral) return { ...r, ephemeral: false };
      // Share first: the one button every answer has; the 👍/👎 after it.
      return { ...r, choices: [shareChoice(this, ctx, path, raw), ...r.choices] };
    }
    return r;
  }

  /** Runs a text command line for chat platforms (Slack, mentions): parsed, then as runForChat. */
  async runTextForChat(ctx: Invocation, line: string): Promise<Reply> {
    const parsed = parseCommandText(this.commands, line);
    if (parsed.ok) return this.runForChat(ctx, parsed.path, parsed.args);
    return this.runText(ctx, line);
  }

  /**
   * A message that mentions the bot (`@tutor how do I copy a file`): a command when it starts with one
   * (`@tutor explain docker cp`), otherwise a question.
   */
  async mention(ctx: Invocation, text: string): Promise<Reply> {
    const clean = text.trim().replace(/^\//, "");
    const first = clean.split(/\s+/)[0]?.toLowerCase() ?? "";
    // Lessons and checkpoints are personal: not in a public thread.
    if (first === "onboard") {
      return reply({
        blocks: [{ type: "note", tone: "info", text: t(ctx.locale, "onboardPrivately") }],
        ephemeral: false,
      });
    }
    // Answered where the mention was (a thread), so publicly and without a Share button.
    const answer = !clean
      ? await this.runCommand(ctx, ["help"], {})
      : this.commands.some((c) => c.name === first)
        ? await this.runText(ctx, `/${clean}`)
        : (await this.execute(ctx, ["ask"], { question: clean }, { limited: true })).reply;
    return { ...answer, ephemeral: false };
  }

  /**
   * A message the bot can read: a DM, a mention, a reply in its thread, a question in an auto-answer
   * channel. Null when it stays silent (conversation/messages.ts decides).
   */
  message(ctx: Invocation, msg: ChatMessage): Promise<Reply | null> {
    return answerMessage(this, ctx, msg);
  }

  /** Someone joined a channel the bot is in: a welcome when it is an onboarding channel, else nothing. */
  async memberJoined(ctx: Invocation): Promise<Reply | null> {
    for (const hook of this.joinHooks) {
      const r = await hook(ctx);
      if (r) return r;
    }
    return null;
  }

  /** Lets a feature (onboarding) answer member joins. */
  onMemberJoined(hook: (ctx: Invocation) => Promise<Reply | null> | Reply | null): void {
    this.joinHooks.push(hook);
  }

  /**
   * Runs one command with arguments already split by option: validated, timed, never throwing. Not rate
   * limited: the entry points for what people type (runText, runForChat, mention) are, while a command
   * run again for a button (Share) or by the terminal is not.
   */
  async runCommand(ctx: Invocation, path: readonly string[], raw: RawArgs): Promise<Reply> {
    return (await this.execute(ctx, path, raw, { limited: false })).reply;
  }

  /** Runs a command as people's input (rate limited) and says how it went: for answers nobody asked for. */
  runLimited(
    ctx: Invocation,
    path: readonly string[],
    raw: RawArgs,
  ): Promise<{ reply: Reply; outcome: Outcome; version: string }> {
    return this.execute(ctx, path, raw, { limited: true });
  }

  /** Runs a command and says how it went (a refusal by the rate limit or a full queue is no answer). */
  private async execute(
    ctx: Invocation,
    path: readonly string[],
    raw: RawArgs,
    options: { limited: boolean },
  ): Promise<{ reply: Reply; outcome: Outcome; version: string }> {
    const state: RunState = { outcome: "ok", version: this.indexInfo.hash };
    const r = await this.runChecked(ctx, path, raw, options, state);
    return { reply: r, outcome: state.outcome, version: state.version };
  }

  private async runChecked(
    ctx: Invocation,
    path: readonly string[],
    raw: RawArgs,
    options: { limited: boolean },
    state: RunState,
  ): Promise<Reply> {
    const started = performance.now();
    const name = path.join(" ");
    this.inFlight++;
    try {
      const spec = this.find(path);
      if (!spec) {
        state.outcome = "bad_input";
        return reply({
          blocks: [
            { type: "note", tone: "info", text: t(ctx.locale, "unknownCommand", { command: `/${name}` }) },
          ],
        });
      }
      const admin = this.requiresAdmin(path);
      if (admin && !ctx.isAdmin) {
        state.outcome = "denied";
        return reply({
          blocks: [
            { type: "note", tone: "error", text: t(ctx.locale, "adminOnly", { command: `/${name}` }) },
          ],
        });
      }
      const parsed = spec.schema.safeParse(raw);
      const missing = spec.options.filter(
        (o) => o.required && (raw[o.name] === undefined || String(raw[o.name]).trim() === ""),
      );
      if (!parsed.success && missing.length > 0) {
        state.outcome = "bad_input";
        const usage =
          `/${name} ${spec.options.map((o) => (o.required ? `<${o.name}>` : `[${o.name}]`)).join(" ")}`.trim();
        const examples = spec.examples.map((e) => `\`${e}\``).join("  ");
        return reply({
          blocks: [{ type: "note", tone: "info", text: t(ctx.locale, "usage", { usage, examples }) }],
        });
      }
      if (!parsed.success) {
        state.outcome = "bad_input";
        const problem = parsed.error.issues
          .map((i) => `${i.path.join(".") || "input"}: ${i.message}`)
          .join("; ");
        const examples = spec.examples.map((e) => `\`${e}\``).join("  ");
        return reply({
          blocks: [
            {
              type: "note",
              tone: "info",
              text: `${t(ctx.locale, "badInput", { command: `/${name}`, problem })}\n${examples}`,
            },
          ],
        });
      }
      const top = path[0] ?? "";
      const limit = options.limited ? this.limiter.check(ctx, top) : ({ ok: true } as const);
      if (!limit.ok) {
        state.outcome = "limited";
        for (const o of this.limitObservers) o(top, limit.scope);
        const key = limit.scope === "user" ? "slowDownUser" : "slowDownChannel";
        const text = t(ctx.locale, key, { command: `/${name}`, seconds: String(limit.retryAfterSec) });
        return reply({ blocks: [{ type: "note", tone: "info", text }] });
      }
      // Pinned to the index current when it starts: a reload meanwhile does not change what it reads.
      const result = await this.answers.run(() =>
        this.indexes.pin(() => {
          state.version = this.indexInfo.hash;
          return spec.run(this, ctx, parsed.data as RawArgs);
        }),
      );
      if (result.notFound) state.outcome = "not_found";
      return result;
    } catch (err) {
      if (err instanceof QueueFullError) {
        state.outcome = "busy";
        return reply({ blocks: [{ type: "note", tone: "info", text: t(ctx.locale, "busy") }] });
      }
      if (err instanceof UserError) {
        state.outcome = "bad_input";
        return reply({ blocks: [{ type: "note", tone: "info", text: err.message }] });
      }
      state.outcome = "error";
      this.logger.error({ err, command: name, platform: ctx.platform }, "command failed");
      return reply({ blocks: [{ type: "note", tone: "error", text: t(ctx.locale, "internalError") }] });
    } finally {
      this.inFlight--;
      const seconds = (performance.now() - started) / 1000;
      for (const o of this.observers) o(name, state.outcome, seconds);
    }
  }

  /** Handles a button press. Unknown or malformed ids get a polite "expired" answer, never an error. */
  async runAction(ctx: Invocation, id: string): Promise<ActionResult> {
    const started = performance.now();
    const [prefix = "", ...rest] = id.split(":");
    const spec = actionRegistry.find((a) => a.prefix === prefix);
    let outcome: Outcome = "ok";
    this.inFlight++;
    try {
      const payload = spec?.schema.safeParse(rest.join(":"));
      if (!spec || !payload?.success) {
        outcome = "bad_input";
        return {
          reply: reply({ blocks: [{ type: "note", tone: "info", text: t(ctx.locale, "expiredButton") }] }),
        };
      }
      return await this.indexes.pin(() => spec.run(this, ctx, payload.data));
    } catch (err) {
      if (err instanceof UserError) {
        outcome = "bad_input";
        return { reply: reply({ blocks: [{ type: "note", tone: "info", text: err.message }] }) };
      }
      outcome = "error";
      this.logger.error({ err, action: prefix, platform: ctx.platform }, "action failed");
      return {
        reply: reply({ blocks: [{ type: "note", tone: "error", text: t(ctx.locale, "internalError") }] }),
      };
    } finally {
      this.inFlight--;
      const seconds = (performance.now() - started) / 1000;
      for (const o of this.observers) o(`button:${prefix}`, outcome, seconds);
    }
  }

  private requiresAdmin(path: readonly string[]): boolean {
    let list: readonly AnyCommand[] = this.commands;
    for (const name of path) {
      const c = list.find((x) => x.name === name);
      if (!c) return false;
      if (c.admin) return true;
      list = isGroup(c) ? c.subcommands : [];
    }
    return false;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.daily.stop();
    this.onboarding.stop();
    this.notes.stop();
    this.indexes.close();
    this.db.close();
  }
}
