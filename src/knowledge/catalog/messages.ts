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
  runnerSudo: {
    en: "runs what follows as root (another user), asking for your password",
    ja: "続くコマンドを root (別のユーザー) として実行します (パスワードを求められます)",
  },
  runnerEnv: {
    en: "sets the environment variable `{name}` for this command only",
    ja: "このコマンドだけに環境変数 `{name}` を設定します",
  },
  runnerTime: {
    en: "runs what follows and prints how long it took",
    ja: "続くコマンドを実行し、かかった時間を表示します",
  },
  runnerNohup: {
    en: "keeps what follows running after the terminal closes",
    ja: "ターミナルを閉じても続くコマンドを動かし続けます",
  },
  runnerSudoFlag: { en: "a flag of `sudo` itself", ja: "`sudo` 自身のフラグです" },
  runnerEnvCommand: {
    en: "runs what follows with the environment given",
    ja: "指定した環境で続くコマンドを実行します",
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
