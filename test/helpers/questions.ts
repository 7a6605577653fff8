import type { Question } from "../../src/core/quiz/questions.js";

/** A stored quiz question for storage tests: `choices` choices, the one at `answer` right. */
export function aQuestion(id: string, answer = 1, choices = 4): Question {
  return {
    id,
    kind: "term-for-definition",
    topic: "Docker",
    subject: { en: "a subject", ja: "題" },
    choices: ["a", "b", "c", "d"].slice(0, choices),
    answer,
    explanation: "why",
    source: { path: ["Docker"], source: "docker.md#docker" },
  };
}
