// What the use cases may see of the tutor, narrowest first. The Tutor class satisfies all of them; a use case
// that only answers from the notes takes a KnowledgeContext and cannot post, vote or dispatch, and no
// module here imports the Tutor class (so core/commands and core/answers do not depend on it).
import type { IndexInfo } from "../knowledge/index-store.js";
import type { KnowledgeIndex } from "../knowledge/search.js";
import type { CommandSummary, Invocation, RawArgs } from "./invocation.js";
import type { AnswerWriter } from "./llm/types.js";
import type { Logger } from "./logger.js";
import type { NotesSync } from "./notes-sync/sync.js";
import type { Onboarding } from "./onboarding/onboarding.js";
import type { DailyPoster } from "./quiz/daily.js";
import type { Quiz } from "./quiz/quiz.js";
import type { Reply } from "./reply.js";
import type { Db } from "./storage/database.js";
import type { ChannelSettingsStore, ConversationStore, StateStores } from "./storage/stores.js";

/** Answering from the notes: `/ask`, `/explain`, the doctor. */
export interface KnowledgeContext {
  readonly index: KnowledgeIndex;
  readonly indexInfo: IndexInfo;
  readonly writer: AnswerWriter | undefined;
  readonly logger: Logger;
  /** Reloads of the notes (the doctor reports a refused one). */
  readonly notes: NotesSync;
}

/** What a command may use: the knowledge, the state stores and the use cases on them, the clock. */
export interface TutorContext extends KnowledgeContext {
  readonly now: () => Date;
  readonly state: StateStores;
  readonly quiz: Quiz;
  readonly daily: DailyPoster;
  readonly onboarding: Onboarding;
  readonly channelSettings: ChannelSettingsStore;
  readonly conversations: ConversationStore;
  /** The commands there are, for /help. */
  readonly commands: readonly CommandSummary[];
  /** The embedded SQLite file: the transaction a command runs in (`runGuarded`). */
  readonly db: Db;
}

/** How a command run went: answered, nothing found, refused, or failed. */
export type Outcome = "ok" | "not_found" | "bad_input" | "denied" | "limited" | "busy" | "error";

/** Running another command: for what re-dispatches (a message read as a command, a shared answer). */
export interface Dispatch {
  runCommand(ctx: Invocation, path: readonly string[], raw: RawArgs): Promise<Reply>;
  runText(ctx: Invocation, line: string): Promise<Reply>;
  runLimited(
    ctx: Invocation,
    path: readonly string[],
    raw: RawArgs,
  ): Promise<{ reply: Reply; outcome: Outcome; version: string }>;
}
