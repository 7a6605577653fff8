import type { Bilingual } from "./types.js";

// The bot's words about the command reference and about the parts of a pasted line.

export const REFERENCE_MESSAGES = {
  breakdownFromReference: {
    en: "Piece by piece from the command reference (not your notes):",
    ja: "コマンドリファレンスによる要素ごとの説明 (ノート外):",
  },
  notDockerOrKubectl: {
    en: "`{program}`: not a docker or kubectl command",
    ja: "`{program}`: docker や kubectl のコマンドではありません",
  },
  output: {
    en: "output pasted with the command, not a command",
    ja: "コマンドと一緒に貼られた出力です (コマンドではありません)",
  },
  flagElsewhere: { en: "`{list}` has it.", ja: "このフラグは `{list}` にあります。" },
  hiddenFlag: {
    en: "Accepted, but not shown in the command's help.",
    ja: "受け付けられますが、コマンドのヘルプには表示されません。",
  },
} satisfies Record<string, Bilingual>;

/** A message with `{name}` slots filled. */
export function referenceMessage(
  key: keyof typeof REFERENCE_MESSAGES,
  locale: "en" | "ja",
  slots: Record<string, string> = {},
): string {
  return REFERENCE_MESSAGES[key][locale].replace(/\{(\w+)\}/g, (_, k: string) => slots[k] ?? "");
}
