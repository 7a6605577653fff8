import { t, type Locale } from "../../core/i18n.js";
import { fitReply, type Reply, TERMINAL_LIMITS } from "../../core/reply.js";

const TONE: Record<string, string> = { info: "ℹ", warning: "⚠", success: "✔", error: "✖" };

function indent(text: string, prefix: string): string {
  return text
    .split("\n")
    .map((l) => prefix + l)
    .join("\n");
}

/** Core marks emphasis with `**…**`; a plain terminal shows the words without the markers. */
function plain(text: string): string {
  return text.replace(/\*\*([^*\n]+)\*\*/g, "$1");
}

/**
 * The "see also" line core writes for surfaces that show only the first citation: the terminal prints every
 * citation on its own line with its source, so that line would say the same thing twice.
 */
function seeAlsoLine(r: Reply, locale: Locale): string | null {
  const others = r.citations.slice(1);
  if (others.length === 0) return null;
  return `${t(locale, "seeAlso")}: ${others.map((c) => c.path.join(" › ")).join(" · ")}`;
}

/** Plain text for a terminal: title, blocks, numbered choices, then sources. */
export function renderText(input: Reply, locale: Locale): string {
  const r = fitReply(input, TERMINAL_LIMITS);
  const out: string[] = [];
  const seeAlso = seeAlsoLine(r, locale);
  if (r.title) out.push(`── ${r.title} ──`);
  if (r.subtitle) out.push(r.subtitle);
  for (const b of r.blocks) {
    switch (b.type) {
      case "text":
        if (b.text === seeAlso) break;
        out.push(plain(b.text));
        break;
      case "note":
        out.push(`${TONE[b.tone] ?? "•"} ${plain(b.text)}`);
        break;
      case "code":
        out.push(indent(b.code, "    "));
        break;
      case "fields":
        for (const f of b.fields) out.push(`  ${f.name}\n${indent(f.value, "      ")}`);
        break;
    }
  }
  if (r.choices.length > 0) {
    out.push(r.choices.map((c, i) => `  [${i + 1}] ${c.label}`).join("\n"));
    out.push(t(locale, "choose"));
  }
  for (const [i, c] of r.citations.entries()) {
    const label = i === 0 ? t(locale, "source") : t(locale, "seeAlso");
    out.push(
      `${label}: ${c.path.join(" › ")} (${c.source})${c.readMore ? ` — ${t(locale, "readMore")}` : ""}`,
    );
  }
  return out.join("\n");
}
