import { z } from "zod";
import { defineAction } from "./types.js";

/** Onboarding buttons: `onb:start`, `onb:next`, `onb:retry:<lesson>`, `onb:skip:<lesson>`, `onb:done:<lesson>`. */
export const onboardingAction = defineAction({
  prefix: "onb",
  schema: z
    .string()
    .regex(/^(start|next|retry|skip|done)(:[0-9a-f]{16})?$/)
    .transform((s) => {
      const [verb = "", lesson] = s.split(":");
      return { verb, lesson };
    }),
  run: async (tutor, ctx, p) => ({ reply: await tutor.onboarding.action(ctx, p.verb, p.lesson) }),
});
