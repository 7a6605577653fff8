import type { Invocation } from "./commands/types.js";

/**
 * Commands that search the notes or build a question: each costs the one event loop real CPU, so one
 * person (or one busy channel) repeating them can slow every other answer. Cheap commands (help, stats,
 * leaderboard, admin settings) are never limited.
 */
export const LIMITED_COMMANDS: ReadonlySet<string> = new Set(["ask", "explain", "quiz", "review"]);

export interface BucketSpec {
  /** Commands allowed at once, after a quiet spell. */
  burst: number;
  /** One more is allowed every this many milliseconds. */
  refillMs: number;
}

/**
 * Per person: a burst of 20 (far more than anyone types in a study session), then one every 3 seconds
 * (20 a minute) sustained.
 */
export const USER_LIMIT: BucketSpec = { burst: 20, refillMs: 3000 };

/**
 * Per channel, whoever asks: a burst of 60 (a class all asking at once), then one a second sustained, so
 * one channel cannot take the whole process from the others.
 */
export const CHANNEL_LIMIT: BucketSpec = { burst: 60, refillMs: 1000 };

/** Past this many remembered buckets, the full ones (nobody used them lately) are forgotten. */
const BUCKETS_PRUNE_AT = 10_000;

/**
 * Token buckets, one per key, refilled lazily from the clock when looked at: no timers, so nothing to stop
 * and nothing running while nobody asks.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(readonly spec: BucketSpec) {}

  private level(key: string, nowMs: number): number {
    const b = this.buckets.get(key);
    if (!b) return this.spec.burst;
    return Math.min(this.spec.burst, b.tokens + (nowMs - b.at) / this.spec.refillMs);
  }

  /** Milliseconds until `key` may take one (0: it may now). */
  waitMs(key: string, nowMs: number): number {
    const level = this.level(key, nowMs);
    return level >= 1 ? 0 : Math.ceil((1 - level) * this.spec.refillMs);
  }

  take(key: string, nowMs: number): void {
    this.buckets.set(key, { tokens: this.level(key, nowMs) - 1, at: nowMs });
    if (this.buckets.size > BUCKETS_PRUNE_AT) this.prune(nowMs);
  }

  get size(): number {
    return this.buckets.size;
  }

  private prune(nowMs: number): void {
    for (const key of [...this.buckets.keys()])
      if (this.level(key, nowMs) >= this.spec.burst) this.buckets.delete(key);
  }
}

export type LimitScope = "user" | "channel";

export type LimitVerdict = { ok: true } | { ok: false; scope: LimitScope; retryAfterSec: number };

/**
 * The limit on expensive commands, per person and per channel (both keyed by platform and workspace, as
 * everything a user does is). A command refused by one bucket takes nothing from the other.
 */
export class CommandLimiter {
  private readonly users: TokenBuckets;
  private readonly channels: TokenBuckets;

  constructor(
    private readonly clock: () => number = Date.now,
    limits: { user: BucketSpec; channel: BucketSpec } = { user: USER_LIMIT, channel: CHANNEL_LIMIT },
  ) {
    this.users = new TokenBuckets(limits.user);
    this.channels = new TokenBuckets(limits.channel);
  }

  /** Takes one from both buckets when both allow it; otherwise says which refused and for how long. */
  check(ctx: Invocation, command: string): LimitVerdict {
    // The terminal is one person at their own keyboard, and one-shot CLI runs are separate processes.
    if (ctx.platform === "terminal" || !LIMITED_COMMANDS.has(command)) return { ok: true };
    const now = this.clock();
    const user = `${ctx.platform}:${ctx.workspaceId}:${ctx.userId}`;
    const channel = `${ctx.platform}:${ctx.workspaceId}:${ctx.channelId}`;
    const userWait = this.users.waitMs(user, now);
    if (userWait > 0) return { ok: false, scope: "user", retryAfterSec: Math.ceil(userWait / 1000) };
    const channelWait = this.channels.waitMs(channel, now);
    if (channelWait > 0) return { ok: false, scope: "channel", retryAfterSec: Math.ceil(channelWait / 1000) };
    this.users.take(user, now);
    this.channels.take(channel, now);
    return { ok: true };
  }
}
