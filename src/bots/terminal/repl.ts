import { randomUUID } from "node:crypto";
import readline from "node:readline";
import { askInConversation } from "../../core/conversation/messages.js";
import type { ConversationPlace } from "../../core/conversation/memory.js";
import type { Locale } from "../../core/i18n.js";
import type { Reply } from "../../core/reply.js";
import type { Tutor } from "../../core/tutor.js";
import { renderText } from "./render.js";
import { terminalInvocation } from "./session.js";

/** What the terminal shows last that has buttons: a reply, or a daily post printed by the poster. */
export interface TerminalButtons {
  choices: Reply["choices"];
}

export interface ReplOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Shared with the terminal's poster, so a daily question it printed can be answered by number. */
  buttons?: TerminalButtons;
  locale: Locale;
  /** Interactive prompt with history (a TTY); otherwise answer each line and stop at end of input. */
  interactive: boolean;
}

/**
 * The terminal bot: reads `/explain …`, `/ask …`, `/help` lines (plain text is a question), prints the
 * rendered reply, and takes a number to press one of the last reply's buttons. The session is one
 * conversation: a plain question after another is read with the earlier ones ("and how do I delete it?").
 */
export async function runRepl(tutor: Tutor, options: ReplOptions): Promise<void> {
  const ctx = terminalInvocation(options.locale);
  const session: ConversationPlace = {
    platform: ctx.platform,
    workspaceId: ctx.workspaceId,
    channelId: ctx.channelId,
    threadId: randomUUID(),
  };
  const rl = readline.createInterface({
    input: options.input,
    output: options.interactive ? options.output : undefined,
    terminal: options.interactive,
    historySize: 200,
    prompt: "tutor> ",
  });
  const write = (text: string) => options.output.write(`${text}\n`);
  let last: Reply | undefined;
  // Numbers press the buttons of the latest reply that had any (a quiz stays answerable after its result).
  const buttons: TerminalButtons = options.buttons ?? { choices: [] };
  if (options.interactive) {
    write(
      `notes-tutor: ${tutor.indexInfo.entries} entries from ${tutor.indexInfo.notesDir}. /help for commands, Ctrl-D to quit.`,
    );
    rl.prompt();
  }
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === "") {
      if (options.interactive) rl.prompt();
      continue;
    }
    let r: Reply;
    const choice = /^\d+$/.test(line) ? buttons.choices[Number(line) - 1] : undefined;
    if (choice) {
      const result = await tutor.runAction(ctx, choice.id);
      r =
        result.update && result.reply
          ? result.reply
          : (result.reply ?? result.update ?? result.publish ?? last!);
    } else if (line.startsWith("/")) r = await tutor.runText(ctx, line);
    else r = await askInConversation(tutor, ctx, session, line, false);
    last = r;
    if (r.choices.length > 0) buttons.choices = r.choices;
    write(renderText(r, options.locale));
    if (!options.interactive) write("");
    if (options.interactive) rl.prompt();
  }
}
