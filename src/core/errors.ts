import type { Bilingual } from "../knowledge/catalog/types.js";
import type { Locale } from "./i18n.js";
import { type Reply, reply } from "./reply.js";
import { type StorageProblem, storageProblemOf } from "./storage/errors.js";

/** An error whose message is meant for the person who typed the command (shown as-is, not logged as a failure). */
export class UserError extends Error {}

/** What a person is told when the database refuses a write; nothing of the command was kept. */
const STORAGE_MESSAGES: Record<StorageProblem, Bilingual> = {
  full: {
    en: "I can't save right now: the disk is full. Nothing was saved; try again once an admin has freed some space.",
    ja: "ディスクがいっぱいのため、いまは保存できません。何も保存されていません。管理者が空き容量を確保してから、もう一度お試しください。",
  },
  readonly: {
    en: "I can't save right now: the database is read-only. Nothing was saved; explain and ask still work.",
    ja: "データベースが読み取り専用のため、いまは保存できません。何も保存されていません。explain と ask は使えます。",
  },
  corrupt: {
    en: "I can't read or save my data right now: the database is damaged. An admin has to restore it.",
    ja: "データベースが壊れているため、いまは読み書きできません。管理者による復旧が必要です。",
  },
};

/** The reply for an error the database raised (disk full, read-only, damaged); undefined for any other. */
export function storageProblemReply(err: unknown, locale: Locale): Reply | undefined {
  const problem = storageProblemOf(err);
  if (!problem) return undefined;
  return reply({ blocks: [{ type: "note", tone: "error", text: STORAGE_MESSAGES[problem][locale] }] });
}
