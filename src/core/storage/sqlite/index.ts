import { SqliteChannelSettingsStore } from "./channel-settings.js";
import { SqliteConversationStore } from "./conversations.js";
import { SqliteDailyCommandStore } from "./daily-commands.js";
import { SqliteFeedbackStore } from "./feedback.js";
import { SqliteGapStore } from "./gaps.js";
import type { Db } from "../database.js";
import type { StateStores } from "../stores.js";
import { SqliteOnboardingStore } from "./onboarding.js";
import { SqliteQuizStore } from "./quiz.js";
import { SqliteReviewStore } from "./reviews.js";
import { SqliteScheduleStore } from "./schedules.js";
import { SqliteScoreStore } from "./scores.js";
import { SqliteShareStore } from "./shares.js";

/**
 * The stores on the process's SQLite database (opened and migrated by `openDatabase`). Closing them leaves
 * the database open: it also holds the knowledge index, and its owner closes it.
 */
export function sqliteStores(db: Db): StateStores {
  return {
    kind: "sqlite",
    quiz: new SqliteQuizStore(db),
    reviews: new SqliteReviewStore(db),
    scores: new SqliteScoreStore(db),
    schedules: new SqliteScheduleStore(db),
    dailyCommands: new SqliteDailyCommandStore(db),
    onboarding: new SqliteOnboardingStore(db),
    shares: new SqliteShareStore(db),
    channelSettings: new SqliteChannelSettingsStore(db),
    feedback: new SqliteFeedbackStore(db),
    gaps: new SqliteGapStore(db),
    conversations: new SqliteConversationStore(db),
    ping: async () => {
      db.prepare("SELECT 1").get();
    },
    close: async () => {},
  };
}
