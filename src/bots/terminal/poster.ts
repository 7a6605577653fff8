import type { Locale } from "../../core/i18n.js";
import type { ChannelPoster } from "../../core/ports.js";
import { renderText } from "./render.js";
import type { TerminalButtons } from "./repl.js";

/** Daily posts in the terminal: printed where the person is typing. */
export function terminalPoster(
  output: NodeJS.WritableStream,
  locale: Locale,
  buttons?: TerminalButtons,
): ChannelPoster {
  let n = 0;
  return {
    platform: "terminal",
    post: async (_workspace, _channel, reply) => {
      output.write(`\n${renderText(reply, locale)}\n`);
      if (buttons && reply.choices.length > 0) buttons.choices = reply.choices;
      n += 1;
      return `terminal-${n}`;
    },
    update: async () => {
      // A terminal cannot edit what it printed; the next post carries the reveal.
    },
  };
}
