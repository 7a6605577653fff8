import { z } from "zod";
import { type CommandGroupSpec, defineCommand } from "./types.js";

const step = (name: "start" | "next" | "status" | "reset", en: string, ja: string) =>
  defineCommand({
    name,
    description: { en, ja },
    options: [],
    schema: z.object({}),
    examples: [`/onboard ${name}`],
    run: (tutor, ctx) => {
      if (name === "status") return tutor.onboarding.status(ctx);
      if (name === "reset") return tutor.onboarding.reset(ctx);
      return tutor.onboarding.next(ctx);
    },
  });

/** `/onboard …`: the guided course through the notes. */
export const onboardCommand: CommandGroupSpec = {
  name: "onboard",
  description: {
    en: "A guided course through the notes, lesson by lesson",
    ja: "ノートを順に学ぶガイド付きコース",
  },
  examples: ["/onboard start", "/onboard status"],
  subcommands: [
    step("start", "Start (or continue) the course", "コースを始める (続きから)"),
    step("next", "Your next lesson", "次のレッスン"),
    step("status", "Your progress", "進み具合"),
    step("reset", "Start the course over", "最初からやり直す"),
  ],
};
