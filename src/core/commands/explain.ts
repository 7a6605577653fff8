import { z } from "zod";
import { explainReply } from "../answers/explain.js";
import { queryText } from "./schemas.js";
import { defineCommand } from "./types.js";

export const explainCommand = defineCommand({
  name: "explain",
  description: {
    en: "Explain a docker or kubectl command line from your notes, flag by flag",
    ja: "docker / kubectl のコマンドをノートをもとにフラグごとに解説",
  },
  options: [
    {
      name: "command",
      description: {
        en: "A command line, e.g. docker run -d -p 8080:80 nginx",
        ja: "コマンド (例: docker run -d -p 8080:80 nginx)",
      },
      type: "string",
      required: true,
      rest: true,
      autocomplete: true,
      maxLength: 500,
    },
  ],
  schema: z.object({ command: queryText(500) }),
  examples: [
    "/explain docker cp",
    "/explain docker run -d -p 9000:8080 --name web nginx",
    "/explain kubectl get po",
  ],
  run: (tutor, ctx, args) => explainReply(tutor, ctx, args.command),
  autocomplete: (tutor, _option, value) => {
    const v = value.trim().toLowerCase();
    const names = [...tutor.index.notesCommands(), ...tutor.index.headings().map((h) => h.title)];
    const starts = names.filter((n) => n.toLowerCase().startsWith(v));
    const contains = names.filter((n) => !starts.includes(n) && n.toLowerCase().includes(v));
    return [...new Set([...starts, ...contains])].slice(0, 25);
  },
});
