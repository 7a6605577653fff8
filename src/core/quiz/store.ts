/** The quiz's records, as the state stores keep them (src/core/storage/stores.ts). */
export type { AnswerCount, Place, Post } from "../storage/stores.js";
