import { z } from "zod";
import { defineAction } from "./types.js";

/** A quiz button: `quiz:<post id>:<choice index>`. */
export const quizAnswerAction = defineAction({
  prefix: "quiz",
  schema: z
    .string()
    .regex(/^\d{1,12}:\d$/)
    .transform((s) => {
      const [post, choice] = s.split(":").map(Number);
      return { post: post ?? 0, choice: choice ?? 0 };
    }),
  run: (tutor, ctx, p) => tutor.quiz.answer(ctx, p.post, p.choice),
});
