import { z } from "zod";
import { optionalTopic } from "./schemas.js";
import { defineCommand } from "./types.js";

export const quizCommand = defineCommand({
  name: "quiz",
  description: {
    en: "A quiz question from your notes (what you got wrong comes back first)",
    ja: "ノートからクイズを1問 (間違えた問題は優先して復習)",
  },
  options: [
    {
      name: "topic",
      description: {
        en: "A heading of the notes, e.g. Docker, Kubernetes, Service",
        ja: "ノートの見出し (例: Docker, Kubernetes, Service)",
      },
      type: "string",
      required: false,
      rest: true,
      maxLength: 100,
    },
  ],
  schema: z.object({
    topic: optionalTopic,
  }),
  examples: ["/quiz", "/quiz Kubernetes"],
  run: (tutor, ctx, args) => tutor.quiz.ask(ctx, tutor.quiz.resolveTopic(args.topic, ctx.locale)),
});
