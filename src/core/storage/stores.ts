/**
 * The state the bot keeps, one store per concern, behind interfaces the use cases call. Two
 * implementations: SQLite (`sqlite/`, the embedded default, one file) and PostgreSQL (`postgres/`, several
 * replicas on one database). Every method is asynchronous, as PostgreSQL is; a write has been committed
 * when its promise resolves. Exactly-once rules live in the schema (unique keys, conditional updates) and
 * in transactions inside one method, never in process memory, so two replicas can call the same store.
 *
 * Timestamps are ISO-8601 UTC strings (`Date.toISOString()`) in both databases: they sort as the instants
 * they name, and a copy from one database to the other keeps them byte for byte.
 */
import type { ChannelSettings, StoredChannelSettings } from "../channels/settings.js";
import type { Question } from "../quiz/questions.js";

export interface Place {
  platform: string;
  workspaceId: string;
  channelId: string;
}

/** A person in a workspace. */
export interface Person {
  platform: string;
  workspaceId: string;
  userId: string;
}

export type PostKind = "adhoc" | "daily" | "checkpoint";

export interface Post extends Place {
  id: number;
  kind: PostKind;
  questionId: string;
  postDate: string | null;
  messageId: string | null;
  /** Who asked for it (the learner of a checkpoint); null for daily posts. */
  createdBy: string | null;
  createdAt: string;
  revealedAt: string | null;
}

export interface AnswerCount {
  total: number;
  correct: number;
}

/** A spaced-repetition card as stored: the scheduler's state (JSON) and when it is due. */
export interface StoredCard {
  json: string;
  dueAt: string;
}

/** One answer to record. */
export interface NewAnswer {
  post: Post;
  user: { id: string; name?: string | undefined };
  choice: number;
  correct: boolean;
  /** The channel's local date for daily answers (streaks), else the UTC date. */
  answerDate: string;
  now: Date;
}

/** Questions as asked, posts (on-demand, daily, checkpoints) and their answers. */
export interface QuizStore {
  question(id: string): Promise<Question | undefined>;
  /**
   * Records the question and a post of it; null when a daily post of that channel and date exists
   * already (the claim: whoever tries second, in any process, gets null).
   */
  createPost(
    place: Place,
    q: Question,
    kind: PostKind,
    now: Date,
    createdBy: string | null,
    postDate?: string | null,
  ): Promise<Post | null>;
  post(id: number): Promise<Post | null>;
  setMessageId(postId: number, messageId: string): Promise<void>;
  /** Marks a post revealed once (a later call keeps the first time). */
  markRevealed(postId: number, now: Date): Promise<void>;
  dailyPost(place: Place, date: string): Promise<Post | null>;
  /** The latest daily post of a channel before a date that was sent and not revealed yet. */
  unrevealedDailyBefore(place: Place, date: string): Promise<Post | null>;
  /** The latest daily post of a channel before a date that was revealed (its answer opens the next one). */
  revealedDailyBefore(place: Place, date: string): Promise<Post | null>;
  /** Gives up a daily claim whose message could not be sent (no message, no answers), so it can be retried. */
  releaseClaim(postId: number): Promise<void>;
  dailyPosts(place: Place): Promise<Post[]>;
  existingAnswer(postId: number, userId: string): Promise<{ choice: number; correct: boolean } | null>;
  /**
   * Records an answer and, in the same transaction, the person's card for the question (`review` gets
   * the stored card, if any, and returns the new one). False, with nothing written, when this person
   * already answered this post, whichever process recorded it.
   */
  recordAnswer(
    answer: NewAnswer,
    review?: (previous: StoredCard | undefined) => StoredCard,
  ): Promise<boolean>;
  answerCount(postId: number): Promise<AnswerCount>;
  /** Question ids this person has answered in this workspace. */
  seenQuestions(who: Person): Promise<Set<string>>;
}

/** Spaced-repetition cards, one per person and question (written with answers: `QuizStore.recordAnswer`). */
export interface ReviewStore {
  card(who: Person, questionId: string): Promise<StoredCard | undefined>;
  /** Question ids due for this person at `now`, most overdue first. */
  due(who: Person, now: Date): Promise<string[]>;
  nextDue(who: Person): Promise<Date | null>;
  count(who: Person): Promise<number>;
}

/** One person's line of a channel's leaderboard, before ranking. */
export interface ScoreRow {
  userId: string;
  /** The latest name the platform gave in the workspace; the id when none. */
  name: string;
  points: number;
  answered: number;
}

/** Read-only views of the answers for leaderboards and stats. */
export interface ScoreStore {
  /**
   * A channel's people by points since an instant (all time when null), ties broken by who reached the
   * score first, then user id.
   */
  leaderboard(place: Place, since: Date | null, limit: number): Promise<ScoreRow[]>;
  /** How many answers this person gave and how many were right (in the workspace, or one channel). */
  totals(who: Person, channelId?: string): Promise<{ answered: number; correct: number }>;
  /** The local dates on which this person answered a daily question (in the workspace, or one channel). */
  dailyAnswerDates(who: Person, channelId?: string): Promise<string[]>;
  /** The name the platform last gave with this person's answers. */
  latestName(who: Person): Promise<string | undefined>;
}

export type DailyKind = "quiz" | "command";

export interface Schedule extends Place {
  time: string;
  timezone: string;
  topic: string | null;
  enabled: boolean;
  kind: DailyKind;
}

/** Daily post schedules, one per channel. */
export interface ScheduleStore {
  /** Sets a channel's daily post (a quiz unless `kind` says otherwise), replacing and enabling it. */
  set(s: Omit<Schedule, "enabled" | "kind"> & { kind?: DailyKind }, by: string, now: Date): Promise<void>;
  /** Turns a channel's schedule off; false when it had none enabled. */
  off(place: Place, by: string, now: Date): Promise<boolean>;
  get(place: Place): Promise<Schedule | null>;
  enabled(platforms?: readonly string[]): Promise<Schedule[]>;
  /** The time zones of a workspace's schedules (its channels' local dates). */
  timezones(platform: string, workspaceId: string): Promise<string[]>;
}

/** The claims of command-of-the-day posts: one per channel and local date, whichever process tries. */
export interface DailyCommandStore {
  /** Claims this channel's post of a date for a command; false when some process claimed it already. */
  claim(place: Place, date: string, command: string, now: Date): Promise<boolean>;
  /** Gives an unsent claim back (the platform refused the post), so a retry can post it. */
  release(place: Place, date: string): Promise<void>;
  setMessageId(place: Place, date: string, messageId: string): Promise<void>;
  posted(place: Place, date: string): Promise<boolean>;
  /** The commands this channel was shown, newest first, at most `limit`. */
  history(place: Place, limit: number): Promise<{ command: string; date: string }[]>;
}

export interface LessonRecord {
  id: string;
  title: string;
  path: readonly string[];
  source: string;
}

export interface OnboardingMember {
  userId: string;
  userName: string | null;
  channelId: string;
  startedAt: string;
  lastActivityAt: string;
  finishedAt: string | null;
  nudgedAt: string | null;
}

export interface OnboardingChannel extends Place {
  /** Remind members idle this many days; null: no reminders. */
  nudgeDays: number | null;
  timezone: string;
}

/** A member's activity: who, in which channel, under which name. */
export interface Activity extends Person {
  channelId: string;
  userName?: string | undefined;
}

/** Onboarding: lessons seen, members, their progress, checkpoint questions, onboarding channels. */
export interface OnboardingStore {
  /** Records the current lessons (new ones added, known ones updated) and retires every other one. */
  syncLessons(lessons: readonly LessonRecord[], now: Date): Promise<void>;
  /** Ids of the lessons that left the curriculum (their progress stays). */
  retiredLessons(): Promise<Set<string>>;
  /** Lessons this person has done or skipped. */
  completed(who: Person): Promise<Set<string>>;
  member(who: Person): Promise<OnboardingMember | undefined>;
  /** Records activity: starts the membership the first time, keeps the latest name. */
  touch(who: Activity, now: Date): Promise<void>;
  /** Marks a lesson done or skipped (the first mark stays) and records the activity, in one transaction. */
  complete(who: Activity, lessonId: string, status: "done" | "skipped", now: Date): Promise<void>;
  /** Sets finished_at once. */
  finish(who: Person, now: Date): Promise<void>;
  /** Forgets this person's progress and finish; the membership stays. */
  reset(who: Person): Promise<void>;
  /** Posts a checkpoint question for a learner (the question, the post and its lesson step, together). */
  createCheckpoint(
    place: Place,
    q: Question,
    now: Date,
    userId: string,
    lessonId: string,
    step: number,
  ): Promise<Post>;
  /** Question ids of this learner's checkpoints of a lesson, except those of one step. */
  checkpointQuestions(lessonId: string, userId: string, exceptStep: number): Promise<Set<string>>;
  /** How many checkpoint questions this learner was given for a lesson. */
  checkpointAttempts(lessonId: string, userId: string): Promise<number>;
  checkpoint(postId: number): Promise<{ lessonId: string; step: number } | undefined>;
  setChannel(channel: OnboardingChannel, by: string, now: Date): Promise<void>;
  channel(place: Place): Promise<OnboardingChannel | null>;
  /** Channels with reminders on. */
  nudgeChannels(): Promise<(OnboardingChannel & { nudgeDays: number })[]>;
  /** Members of a workspace, by start. */
  members(platform: string, workspaceId: string): Promise<OnboardingMember[]>;
  /** Members who started in a channel and did not finish. */
  unfinishedIn(place: Place): Promise<OnboardingMember[]>;
  /**
   * Claims a reminder: sets nudged_at when it still holds `previous` (so a second process, or a retry
   * after a crash, finds it changed). True for the one caller that claimed it.
   */
  claimNudge(who: Person, previous: string | null, now: Date): Promise<boolean>;
}

/** An answer that was shared to a channel: enough to rebuild it with the same command. */
export interface SharedAnswer {
  id: string;
  platform: string;
  workspaceId: string;
  userId: string;
  command: string;
  argsJson: string;
}

/** A shared answer's button keeps working this long after the share (then "expired"); rows older go. */
export const SHARE_RETENTION_DAYS = 30;

/** Shared answers. */
export interface ShareStore {
  /** Records a share (the first press wins) and drops the shares past the retention. */
  record(share: SharedAnswer, now: Date): Promise<void>;
  /** A share recorded within the retention. */
  find(id: string, now: Date): Promise<SharedAnswer | undefined>;
  count(): Promise<number>;
}

/** Per-channel settings (/tutor channel …), keyed by platform, workspace and channel. */
export interface ChannelSettingsStore {
  /** The channel's settings, or the defaults when nobody set any. */
  get(place: Place): Promise<StoredChannelSettings>;
  /**
   * Changes some of a channel's settings (the others keep their value, or the default) and returns the
   * result; two changes of different settings at once, from two processes, keep both.
   */
  set(place: Place, change: Partial<ChannelSettings>, by: string, now: Date): Promise<StoredChannelSettings>;
}

/** Where a vote or a gap was recorded: one platform's workspace. */
export interface Workspace {
  platform: string;
  workspaceId: string;
}

export type Vote = "up" | "down";

/** Whose vote on which answer. */
export interface VoteKey extends Workspace {
  answerId: string;
  userId: string;
}

/** A vote on an answer, with what the gaps report needs of the answer it was given on. */
export interface NewVote extends VoteKey {
  vote: Vote;
  command: string;
  question: string;
  /** The answer's first citation, null when it cited nothing. */
  source: string | null;
  /** The hash of the index the answer was read from. */
  notesVersion: string;
}

/** What a vote left in the database: a first vote, a changed one, or the same one again. */
export type VoteChange = "new" | "changed" | "same";

export interface RatedSource {
  source: string;
  up: number;
  down: number;
  /** Some questions whose answers came from this source and got a 👎, newest first. */
  questions: string[];
  reasons: string[];
  lastVotedAt: string;
}

/** 👍/👎 on answers: one vote per person and answer, changeable. */
export interface FeedbackStore {
  /**
   * Records one person's vote on one answer: the other vote changes it (and clears a reason given for a
   * 👎), the same one again changes nothing. One statement or transaction: two presses reaching two
   * processes at once leave one vote.
   */
  vote(vote: NewVote, now: Date): Promise<VoteChange>;
  /** Adds a reason to a person's 👎 on an answer; false when there is no such 👎 (changed, or never given). */
  reason(key: VoteKey, reason: string, now: Date): Promise<boolean>;
  /** The vote a person gave an answer, if any. */
  voteOf(key: VoteKey): Promise<{ vote: Vote; reason: string | null } | null>;
  /**
   * Answer sources with at least one 👎 (in a workspace, or all), the most 👎 then the fewest 👍 first,
   * then the latest vote; at most `limit`.
   */
  worstRated(where: Workspace | null, limit: number): Promise<RatedSource[]>;
}

/** A question the notes did not cover, as asked. */
export interface NewGap extends Workspace {
  channelId: string;
  userId: string;
  command: string;
  question: string;
  /** The question's meaningful words, which the report groups by. */
  terms: string[];
  notesVersion: string;
  askedAt: string;
}

export interface GapRow extends NewGap {
  id: number;
  /** How many people pressed "Request a note" on this question. */
  requests: number;
}

/** Questions the notes did not cover, and the requests for a note on them (the gaps report). */
export interface GapStore {
  /** Records a question the notes did not cover; returns its id (for the Request a note button). */
  record(gap: NewGap): Promise<number>;
  /** The gap of this id in this workspace, or null (another workspace's id is no gap here). */
  find(where: Workspace, id: number): Promise<GapRow | null>;
  /** A person's request for a note on a gap; false when they had requested it already. */
  request(gapId: number, userId: string, now: Date): Promise<boolean>;
  /** The gaps asked since `since` (ISO) in a workspace (or all), newest first, at most `limit`. */
  since(where: Workspace | null, since: string, limit: number): Promise<GapRow[]>;
}

/** Where a conversation happens: the platform's place plus the thread (or DM) that holds it. */
export interface ConversationPlace {
  platform: string;
  workspaceId: string;
  /** The channel (a Discord thread is a channel of its own) or the DM. */
  channelId: string;
  /** The thread inside the channel (Slack's thread_ts), or "" when the channel is the conversation. */
  threadId: string;
}

/** One question of a conversation: as asked, and as searched (with the subject a follow-up left out). */
export interface Turn {
  question: string;
  resolved: string;
  /** When it was asked, in milliseconds since the epoch. */
  at: number;
}

/** How much conversation memory is kept (src/core/conversation/memory.ts has the defaults). */
export interface ConversationLimits {
  /** Turns kept per conversation, the newest. */
  turns: number;
  /** A conversation whose last turn is older than this is forgotten (the next question starts afresh). */
  ttlMs: number;
  /** Conversations remembered at once; the least recently active go first. */
  conversations: number;
}

/**
 * The last few turns of each conversation (thread, DM, terminal session), for follow-ups: in the database,
 * so a follow-up that reaches another replica than the question before it is still read with it.
 */
export interface ConversationStore {
  /** The conversation's turns, oldest first; empty once its last turn is older than the expiry. */
  turns(place: ConversationPlace, now: Date): Promise<Turn[]>;
  /**
   * Records a turn: the conversation keeps its newest turns, starts afresh when it had expired, and the
   * least recently active conversations past the bound are forgotten.
   */
  record(place: ConversationPlace, question: string, resolved: string, now: Date): Promise<void>;
  /** How many conversations are remembered (not expired) at `now`. */
  count(now: Date): Promise<number>;
}

/** All the stores of one database. */
export interface StateStores {
  /** "sqlite" or "postgres", for /readyz and logs. */
  readonly kind: "sqlite" | "postgres";
  readonly quiz: QuizStore;
  readonly reviews: ReviewStore;
  readonly scores: ScoreStore;
  readonly schedules: ScheduleStore;
  readonly dailyCommands: DailyCommandStore;
  readonly onboarding: OnboardingStore;
  readonly shares: ShareStore;
  /** Per-channel settings. */
  readonly channelSettings: ChannelSettingsStore;
  readonly feedback: FeedbackStore;
  readonly gaps: GapStore;
  readonly conversations: ConversationStore;
  /** Answers whether the database can be reached (a trivial query). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

const DAY_MS = 86_400_000;

/** The oldest creation time a share may have at `now` to still be found. */
export function shareCutoff(now: Date): string {
  return new Date(now.getTime() - SHARE_RETENTION_DAYS * DAY_MS).toISOString();
}
