import type { ChannelPoster } from "../core/ports.js";

/** A chat platform the bot is connected to (Slack, Discord), as the service process sees it. */
export interface Surface {
  readonly name: string;
  start(): Promise<void>;
  /** Stop taking new work; in-flight answers are finished by the caller's drain. */
  stop(): Promise<void>;
  connected(): boolean;
  /** How core posts to this platform's channels (daily quizzes, onboarding). */
  readonly poster: ChannelPoster;
}
