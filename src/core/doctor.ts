import { say } from "./feedback/messages.js";
import { t, type Locale } from "./i18n.js";
import { type Block, type Reply, reply } from "./reply.js";
import type { KnowledgeContext } from "./context.js";

/** Every finding in the notes (errata, YAML that does not parse as meant, broken links), with file and line. */
export function doctorReport(tutor: KnowledgeContext, locale: Locale): Reply {
  const served = doctorFindings(tutor, locale);
  const refused = refusedBlocks(tutor, locale);
  return refused.length > 0 ? { ...served, blocks: [...refused, ...served.blocks] } : served;
}

/** The findings of a reload that was refused (notes-sync): the newest notes, not the ones answering. */
function refusedBlocks(tutor: KnowledgeContext, locale: Locale): Block[] {
  const refused = tutor.notes.refused;
  if (!refused) return [];
  return refused.findings.map((f) => ({
    type: "note",
    tone: "error",
    text: `${f.file}:${f.line} [${f.kind}] ${f.message[locale]}\n${say(locale, "reindexRejected")}`,
  }));
}

function doctorFindings(tutor: KnowledgeContext, locale: Locale): Reply {
  const findings = tutor.index.findings();
  if (findings.length === 0)
    return reply({
      title: t(locale, "doctorTitle", { count: 0 }),
      blocks: [{ type: "text", text: t(locale, "doctorClean") }],
    });
  const blocks: Block[] = findings.map((f) => ({
    type: "note",
    tone: "warning",
    text: `${f.file}:${f.line} [${f.kind}] \`${f.excerpt.replace(/`/g, "'")}\`\n${f.message[locale]}${f.correction ? `\n→ \`${f.correction}\`` : ""}`,
  }));
  return reply({ title: t(locale, "doctorTitle", { count: findings.length }), blocks, ephemeral: true });
}
