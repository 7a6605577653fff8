import { z } from "zod";
import { defineCommand } from "./types.js";

export const reviewCommand = defineCommand({
  name: "review",
  description: { en: "How many of your quiz questions are due for review", ja: "復習の時期が来たクイズの数" },
  options: [],
  schema: z.object({}),
  examples: ["/review"],
  run: (tutor, ctx) => tutor.quiz.review(ctx),
});
