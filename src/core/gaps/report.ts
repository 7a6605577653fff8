import type { StoredFinding } from "../../knowledge/search.js";
import type { Locale } from "../i18n.js";
import type { Block, Reply } from "../reply.js";
import { reply } from "../reply.js";
import type { RatedSource, Workspace } from "../storage/stores.js";
import type { TutorContext } from "../context.js";
import { say } from "../feedback/messages.js";
import { type GapGroup, groupGaps } from "./group.js";

/** The report looks this far back: older questions were asked of notes that have changed since. */
export const GAPS_WINDOW_DAYS = 90;
/** Questions read per report at most (the newest): grouping is quadratic in the number of groups. */
export const GAPS_MAX_ROWS = 5000;
/** Groups, rated sources and findings shown in chat; `--json` has them all. */
const SHOWN_GROUPS = 10;
const SHOWN_WORST = 5;
const SHOWN_FINDINGS = 5;
/** Sources with a 👎 read per report. */
const WORST_MAX = 50;

export interface GapsReport {
  since: string;
  uncovered: GapGroup[];
  worstRated: RatedSource[];
  findings: StoredFinding[];
  /** The newest notes were refused (a file could not be read); the bot serves older ones. */
  refused: { at: string; findings: StoredFinding[] } | null;
}

/** "What to write next in the notes": for one workspace, or (the CLI) every workspace of the database. */
export async function gapsReport(tutor: TutorContext, where: Workspace | null): Promise<GapsReport> {
  const since = new Date(tutor.now().getTime() - GAPS_WINDOW_DAYS * 86_400_000).toISOString();
  const refused = tutor.notes.refused;
  return {
    since,
    uncovered: groupGaps(await tutor.state.gaps.since(where, since, GAPS_MAX_ROWS)),
    worstRated: await tutor.state.feedback.worstRated(where, WORST_MAX),
    findings: tutor.index.findings(),
    refused: refused ? { at: refused.at, findings: refused.findings } : null,
  };
}

const day = (iso: string) => iso.slice(0, 10);
const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;

/** The report as a chat reply: private to the admin who asked. */
export function gapsReply(report: GapsReport, locale: Locale): Reply {
  const blocks: Block[] = [];
  if (report.refused) {
    const files = [...new Set(report.refused.findings.map((f) => f.file))].join(", ");
    blocks.push({
      type: "note",
      tone: "warning",
      text: `${say(locale, "gapsRefused", { at: report.refused.at.slice(0, 16).replace("T", " ") })} ${files}`,
    });
  }
  blocks.push({ type: "text", text: say(locale, "gapsUncovered") });
  if (report.uncovered.length === 0)
    blocks.push({ type: "text", text: say(locale, "gapsNoneUncovered", { days: GAPS_WINDOW_DAYS }) });
  else
    blocks.push({
      type: "fields",
      fields: report.uncovered.slice(0, SHOWN_GROUPS).map((g) => ({
        name: g.question,
        value: [
          say(locale, "gapsGroup", { count: g.count, requests: g.requests, last: day(g.lastAsked) }),
          ...g.wordings.slice(1, 3).map((w) => `“${w}”`),
        ].join("\n"),
      })),
    });
  blocks.push({ type: "text", text: say(locale, "gapsWorst") });
  if (report.worstRated.length === 0) blocks.push({ type: "text", text: say(locale, "gapsNoneWorst") });
  else
    blocks.push({
      type: "fields",
      fields: report.worstRated.slice(0, SHOWN_WORST).map((w) => ({
        name: w.source || "—",
        value: [`👎 ${w.down} · 👍 ${w.up}`, ...w.questions.map((q) => `“${q}”`), w.reasons.join(", ")]
          .filter(Boolean)
          .join("\n"),
      })),
    });
  const findings = report.findings;
  blocks.push({ type: "text", text: say(locale, "gapsFindings", { count: findings.length }) });
  if (findings.length === 0) blocks.push({ type: "text", text: say(locale, "gapsNoFindings") });
  else {
    const lines = findings
      .slice(0, SHOWN_FINDINGS)
      .map((f) => `${f.file}:${f.line} [${f.kind}] ${code(f.excerpt.slice(0, 80))}: ${f.message[locale]}`);
    if (findings.length > SHOWN_FINDINGS)
      lines.push(say(locale, "gapsMoreFindings", { count: findings.length - SHOWN_FINDINGS }));
    blocks.push({ type: "text", text: lines.join("\n") });
  }
  return reply({ title: say(locale, "gapsTitle"), blocks, ephemeral: true });
}
