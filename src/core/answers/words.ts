import type { Locale } from "../i18n.js";

/** A line saying what to put in place of the notes' placeholders (`<コンテナ名>`, `{{name:tag}}`). */
export function placeholderLine(locale: Locale, placeholders: readonly string[]): string {
  const list = placeholders.map((p) => `\`${p}\``).join(locale === "ja" ? "、" : ", ");
  if (locale === "ja") return `${list} は自分の値に置き換えます (名前が何を入れるかを表しています)。`;
  return placeholders.length === 1
    ? `Replace ${list} with your own value (its name says what goes there).`
    : `Replace ${list} with your own values (each name says what goes there).`;
}
