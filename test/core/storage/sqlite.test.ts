/** The state stores' behaviour on SQLite (the embedded default): a new in-memory database per test. */
import { type Db, openDatabase } from "../../../src/core/storage/database.js";
import { SqliteConversationStore } from "../../../src/core/storage/sqlite/conversations.js";
import { sqliteStores } from "../../../src/core/storage/sqlite/index.js";
import { describeStores } from "./stores.contract.js";

describeStores("SQLite", async () => {
  let db: Db | undefined;
  return {
    fresh: async () => {
      db?.close();
      db = openDatabase(":memory:");
      return sqliteStores(db);
    },
    conversations: (limits) => {
      if (!db) throw new Error("no database yet");
      return new SqliteConversationStore(db, limits);
    },
    close: async () => {
      db?.close();
    },
  };
});
