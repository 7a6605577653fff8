import { z } from "zod";
import { askReply } from "../answers/ask.js";
import { queryText } from "./schemas.js";
import { defineCommand } from "./types.js";

export const askCommand = defineCommand({
  name: "ask",
  description: { en: "Ask a question; the answer comes from your notes", ja: "質問するとノートから答えます" },
  options: [
    {
      name: "question",
      description: { en: "Your question, in English or Japanese", ja: "質問 (日本語または英語)" },
      type: "string",
      required: true,
      rest: true,
      maxLength: 500,
    },
  ],
  schema: z.object({ question: queryText(500) }),
  examples: ["/ask Ingress と NodePort の違い", "/ask how do I copy a file out of a container"],
  run: (tutor, ctx, args) => askReply(tutor, ctx, args.question),
});
