import { z } from "zod";
import { dashboardLinksOf } from "../dashboard/links.js";
import type { Locale } from "../i18n.js";
import { reply } from "../reply.js";
import { defineCommand } from "./types.js";

const MESSAGES = {
  title: { en: "Team dashboard", ja: "チームのダッシュボード" },
  link: {
    en: "Your link to this workspace's dashboard: it works once, until {until} UTC, and opens a session in your browser. Do not share it.",
    ja: "このワークスペースのダッシュボードへのリンクです。{until} UTC まで一度だけ使え、ブラウザにセッションを作ります。共有しないでください。",
  },
  notServed: {
    en: "The dashboard is not served by this process: the bot (`npm start`) serves it on its HTTP port with DASHBOARD_SECRET set.",
    ja: "このプロセスはダッシュボードを提供していません: ボット (`npm start`) が DASHBOARD_SECRET を設定して HTTP ポートで提供します。",
  },
} as const;

function say(locale: Locale, key: keyof typeof MESSAGES, vars: Record<string, string> = {}): string {
  return MESSAGES[key][locale].replace(/\{(\w+)\}/g, (_, name: string) => vars[name] ?? "");
}

/** `/tutor dashboard`: a signed link, for the admin alone, to this workspace's dashboard page. */
export const dashboardCommand = defineCommand({
  name: "dashboard",
  description: {
    en: "A private link to the team's dashboard: progress, weak topics, gaps in the notes",
    ja: "チームのダッシュボードへの個人用リンク: 進捗・苦手なトピック・ノートの不足",
  },
  options: [],
  schema: z.object({}),
  examples: ["/tutor dashboard"],
  run: (tutor, ctx) => {
    const links = dashboardLinksOf(tutor);
    if (!links)
      return reply({ blocks: [{ type: "note", tone: "info", text: say(ctx.locale, "notServed") }] });
    const link = links.linkFor({ platform: ctx.platform, workspaceId: ctx.workspaceId });
    if ("unavailable" in link)
      return reply({ blocks: [{ type: "note", tone: "info", text: link.unavailable[ctx.locale] }] });
    const until = link.expiresAt.toISOString().slice(11, 16);
    // The address as code, so no surface rewrites it (Discord breaks links in text), and as the source,
    // which Discord makes the title's link.
    return reply({
      title: say(ctx.locale, "title"),
      blocks: [
        { type: "text", text: say(ctx.locale, "link", { until }) },
        { type: "code", code: link.url },
      ],
      citations: [{ path: [say(ctx.locale, "title")], source: link.url }],
      ephemeral: true,
    });
  },
});
