import { allCommands } from "./catalog/index.js";
import type { Finding } from "./entries.js";

const SHELL_WORDS = ["sh", "bash", "ash", "zsh", "ls", "pwd", "env", "cat", "echo"];

interface Piece {
  text: string;
  cost: number;
}

/**
 * Rebuilds a command line whose spaces and punctuation were lost (`kubectlexecitsimpleechoshcnginx`):
 * the tool, the longest known subcommand, then a cheapest cover of the rest by names from the note's
 * manifests, shell words and short-flag clusters of that subcommand.
 */
function rebuild(tool: string, rest: string, names: Set<string>): string | null {
  const commands = allCommands.filter((c) => c.tool === tool);
  let best: { verb: string; cmd: (typeof commands)[number] } | undefined;
  for (const cmd of commands) {
    for (const spelled of [cmd.name, ...cmd.aliases]) {
      const words = spelled.split(" ").slice(1);
      const glued = words.join("");
      if (glued && rest.startsWith(glued) && (!best || glued.length > best.verb.length))
        best = { verb: glued, cmd };
    }
  }
  if (!best) return null;
  const tail = rest.slice(best.verb.length);
  const shorts = new Set(best.cmd.flags.map((f) => f.short).filter((s): s is string => Boolean(s)));
  const vocab = new Map<string, string>();
  for (const n of names) if (n.length >= 3) vocab.set(n.replace(/[^a-z0-9]/gi, "").toLowerCase(), n);
  for (const w of SHELL_WORDS) vocab.set(w, w);
  // dp[i] = cheapest cover of tail[0..i)
  const dp: (Piece[] | null)[] = Array.from({ length: tail.length + 1 }, () => null);
  const cost = (p: Piece[]) => p.reduce((s, x) => s + x.cost, 0);
  dp[0] = [];
  for (let i = 0; i < tail.length; i++) {
    const here = dp[i];
    if (!here) continue;
    const tryPiece = (end: number, piece: Piece) => {
      const next = [...here, piece];
      const cur = dp[end];
      if (!cur || cost(next) < cost(cur)) dp[end] = next;
    };
    for (const [glued, name] of vocab)
      if (tail.startsWith(glued, i)) tryPiece(i + glued.length, { text: name, cost: 1 });
    for (let len = 1; len <= 2; len++) {
      const cluster = tail.slice(i, i + len);
      if (cluster.length === len && [...cluster].every((ch) => shorts.has(ch)))
        tryPiece(i + len, { text: `-${cluster}`, cost: 1.5 });
    }
  }
  const cover = dp[tail.length];
  if (!cover) return null;
  return [
    best.cmd.aliases.find((a) => a.split(" ").slice(1).join("") === best.verb) ?? `${tool} ${best.verb}`,
    ...cover.map((p) => p.text),
  ].join(" ");
}

/** A command line whose spaces were lost. Returns a finding, with a reconstruction when one is found. */
export function findGarbledCommand(
  file: string,
  text: string,
  line: number,
  names: Set<string>,
): Finding | null {
  const m = /^\$?(docker|kubectl)([a-z]{3,})$/.exec(text.trim());
  if (!m?.[1] || !m[2]) return null;
  const fixed = rebuild(m[1], m[2], names);
  return {
    kind: "garbled-command",
    file,
    line,
    excerpt: text,
    message: fixed
      ? {
          en: `This command lost its spaces and dashes. It reads as \`${fixed}\`.`,
          ja: `このコマンドは空白とハイフンが抜けています。\`${fixed}\` と読めます。`,
        }
      : {
          en: "This command lost its spaces; it cannot be run as written.",
          ja: "このコマンドは空白が抜けていて、このままでは実行できません。",
        },
    ...(fixed ? { correction: fixed } : {}),
  };
}
