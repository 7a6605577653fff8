import type { Invocation } from "../commands/types.js";
import type { Reply } from "../reply.js";
import type { Tutor } from "../tutor.js";
import { notFoundReply } from "./common.js";
import { sectionAnswer } from "./explain.js";

/** `/ask <question>`: the best section, trimmed to the part that matches, with "see also". */
export function askReply(tutor: Tutor, ctx: Invocation, question: string): Reply {
  const { response, hits, terms } = tutor.index.ask(question);
  if (!response.found || hits.length === 0)
    return notFoundReply(ctx.locale, question, response.suggestions, []);
  return sectionAnswer(
    tutor,
    ctx.locale,
    hits.map((h) => h.entry),
    terms,
    question,
  );
}
