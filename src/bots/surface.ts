import type { Config } from "../core/config.js";
import type { Logger } from "../core/logger.js";
import type { ChannelPoster } from "../core/ports.js";
import type { Tutor } from "../core/tutor.js";
import type { HealthServer } from "../service/http.js";
import type { Metrics } from "../service/metrics.js";

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

/** What an adapter's surface is built from: the tutor, the settings, and the service's HTTP server and metrics. */
export interface SurfaceDeps {
  tutor: Tutor;
  config: Config;
  logger: Logger;
  http: HealthServer;
  metrics: Metrics;
}
