import { type AnyCommand, type CommandSpec, isGroup, type RawArgs } from "./types.js";

export type ParsedText =
  | { ok: true; command: CommandSpec; path: string[]; args: RawArgs }
  | { ok: false; reason: "empty" | "unknown" | "incomplete"; path: string[]; command?: AnyCommand };

/** Splits on spaces, keeping "quoted words" together. */
function words(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3] ?? "");
  return out;
}

/**
 * Reads a text command line (`/explain docker cp`, `tutor daily set 09:00 Asia/Tokyo`) against the
 * registry: the command, its subcommands, then options by position; a `rest` option takes the rest of
 * the line as typed. The terminal and Slack use it; Discord gets options already split.
 */
export function parseCommandText(commands: readonly AnyCommand[], line: string): ParsedText {
  const trimmed = line.trim().replace(/^\//, "");
  if (!trimmed) return { ok: false, reason: "empty", path: [] };
  const [head = ""] = trimmed.split(/\s+/);
  const top = commands.find((c) => c.name === head.toLowerCase());
  if (!top) return { ok: false, reason: "unknown", path: [head] };
  let rest = trimmed.slice(head.length).trim();
  return descend(top, [top.name], rest);

  function descend(cmd: AnyCommand, path: string[], text: string): ParsedText {
    if (isGroup(cmd)) {
      const [word = ""] = text.split(/\s+/);
      const sub = cmd.subcommands.find((s) => s.name === word.toLowerCase());
      if (!sub) return { ok: false, reason: "incomplete", path, command: cmd };
      rest = text.slice(word.length).trim();
      return descend(sub, [...path, sub.name], rest);
    }
    const args: RawArgs = {};
    let remaining = text;
    for (const opt of cmd.options) {
      if (!remaining) break;
      if (opt.rest) {
        args[opt.name] = remaining;
        remaining = "";
        break;
      }
      const [first = ""] = words(remaining);
      const consumed = remaining.match(/^("[^"]*"|'[^']*'|\S+)/)?.[0] ?? first;
      args[opt.name] = first;
      remaining = remaining.slice(consumed.length).trim();
    }
    return { ok: true, command: cmd, path, args };
  }
}
