import { PostgresChannelSettingsStore } from "./channel-settings.js";
import { PostgresConversationStore } from "./conversations.js";
import { PostgresDailyCommandStore } from "./daily-commands.js";
import { PostgresFeedbackStore } from "./feedback.js";
import { PostgresGapStore } from "./gaps.js";
import type { StateStores } from "../stores.js";
import { PostgresOnboardingStore } from "./onboarding.js";
import { migratePostgres, openPool } from "./pool.js";
import { PostgresQuizStore } from "./quiz.js";
import { PostgresReviewStore } from "./reviews.js";
import { PostgresScheduleStore } from "./schedules.js";
import { PostgresScoreStore } from "./scores.js";
import { PostgresShareStore } from "./shares.js";

/** Connects to `url` (postgres://…), brings its schema up to date, and returns the stores on it. */
export async function openPostgresStores(url: string, migrationsDir?: string): Promise<StateStores> {
  const pool = openPool(url);
  try {
    await migratePostgres(pool, migrationsDir);
  } catch (err) {
    await pool.end().catch(() => {});
    throw err;
  }
  return {
    kind: "postgres",
    quiz: new PostgresQuizStore(pool),
    reviews: new PostgresReviewStore(pool),
    scores: new PostgresScoreStore(pool),
    schedules: new PostgresScheduleStore(pool),
    dailyCommands: new PostgresDailyCommandStore(pool),
    onboarding: new PostgresOnboardingStore(pool),
    shares: new PostgresShareStore(pool),
    channelSettings: new PostgresChannelSettingsStore(pool),
    feedback: new PostgresFeedbackStore(pool),
    gaps: new PostgresGapStore(pool),
    conversations: new PostgresConversationStore(pool),
    ping: async () => {
      await pool.query("SELECT 1");
    },
    close: () => pool.end(),
  };
}
