import type { Accuracy, DashboardView, MemberView } from "../../core/dashboard/model.js";
import type { Locale } from "../../core/i18n.js";
import type { StoredFinding } from "../../knowledge/search.js";
import { html, type SafeHtml, safeHref } from "./html.js";

/** Below this accuracy a topic or section is drawn as weak, from this one on as strong. */
const WEAK_ACCURACY = 0.5;
const STRONG_ACCURACY = 0.8;
/** Doctor findings listed on the page at most (the count says how many there are). */
const FINDINGS_SHOWN = 50;

const LABELS = {
  title: { en: "Team dashboard", ja: "チームのダッシュボード" },
  generated: { en: "Generated", ja: "作成" },
  onboarding: { en: "Onboarding", ja: "オンボーディング" },
  member: { en: "Member", ja: "メンバー" },
  progress: { en: "Progress", ja: "進捗" },
  current: { en: "Current lesson", ja: "現在のレッスン" },
  lastActivity: { en: "Last activity", ja: "最終アクティブ" },
  stuck: { en: "stuck", ja: "停滞" },
  finished: { en: "finished", ja: "修了" },
  noMembers: { en: "Nobody has started the course yet.", ja: "まだ誰もコースを始めていません。" },
  quizzes: { en: "Quizzes", ja: "クイズ" },
  answersSince: { en: "{n} answers since {since}", ja: "{since} 以降の回答 {n} 件" },
  perTopic: { en: "Accuracy per topic", ja: "トピック別の正答率" },
  perSection: { en: "Weakest sections of the notes", ja: "正答率の低いノートのセクション" },
  participation: { en: "Participation per day", ja: "日別の参加" },
  streaks: { en: "Streaks", ja: "連続日数" },
  streakNow: { en: "Current", ja: "現在" },
  streakBest: { en: "Best", ja: "最高" },
  noAnswers: { en: "No quiz answers yet.", ja: "まだクイズの回答がありません。" },
  noStreaks: { en: "Nobody has answered a daily question yet.", ja: "まだ毎日のクイズの回答がありません。" },
  gaps: { en: "Gaps in the notes", ja: "ノートの不足" },
  uncovered: { en: "Questions the notes did not cover", ja: "ノートで答えられなかった質問" },
  asked: { en: "asked", ja: "回" },
  people: { en: "people", ja: "人" },
  person: { en: "person", ja: "人" },
  requested: { en: "note requests", ja: "ノート依頼" },
  requestedOne: { en: "note request", ja: "ノート依頼" },
  noUncovered: { en: "Every question was covered.", ja: "答えられなかった質問はありません。" },
  downVotes: { en: "👎 answers", ja: "👎 の回答" },
  noDownVotes: { en: "No 👎 yet.", ja: "👎 はまだありません。" },
  requests: { en: "Note requests", ja: "ノートの依頼" },
  noRequests: { en: "Nobody requested a note yet.", ja: "ノートの依頼はまだありません。" },
  notes: { en: "The notes", ja: "ノート" },
  files: { en: "Files", ja: "ファイル" },
  entries: { en: "Entries", ja: "エントリ" },
  lastReindex: { en: "Last reindex", ja: "最終インデックス" },
  hash: { en: "Content hash", ja: "内容のハッシュ" },
  findings: { en: "Doctor findings", ja: "診断結果" },
  noFindings: { en: "The doctor found nothing.", ja: "問題は見つかりませんでした。" },
  refused: {
    en: "The newest notes were refused (a file cannot be read): the bot still answers from the previous ones. Refused at",
    ja: "最新のノートは読み込めないファイルがあるため使われていません (以前のノートで回答中)。拒否された時刻:",
  },
  more: { en: "more", ja: "件 ほか" },
  unknown: { en: "unknown", ja: "不明" },
  reasons: {
    en: { wrong: "wrong", incomplete: "incomplete", offtopic: "off topic", outdated: "outdated" },
    ja: { wrong: "間違い", incomplete: "不十分", offtopic: "的外れ", outdated: "古い" },
  },
} as const;

type Label = Exclude<keyof typeof LABELS, "reasons">;

function reasonLabel(locale: Locale, reason: string | null): string | null {
  if (!reason) return null;
  const known: Record<string, string> = LABELS.reasons[locale];
  return known[reason] ?? reason;
}

/** `2026-12-01T09:30:00.000Z` → `2026-12-01 09:30 UTC`. */
function when(iso: string | null | undefined): string {
  if (!iso) return "—";
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

const percent = (x: number) => `${Math.round(x * 100)}%`;

function tone(accuracy: number): string {
  if (accuracy < WEAK_ACCURACY) return "bar low";
  if (accuracy >= STRONG_ACCURACY) return "bar high";
  return "bar";
}

/** Accuracy bars: a label, a bar (inline SVG) and the figure, per row. */
function accuracyChart(rows: readonly Accuracy[], label: string): SafeHtml {
  return html`<div class="acc" aria-label="${label}">${rows.map(
    (r) =>
      html`<div class="label" title="${r.source}">${r.label}</div><svg viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true"><rect class="track" x="0" y="0" width="100" height="10"></rect><rect class="${tone(r.accuracy)}" x="0" y="0" width="${(r.accuracy * 100).toFixed(1)}" height="10"></rect></svg><div class="value" data-accuracy="${percent(r.accuracy)}">${percent(r.accuracy)} (${r.correct}/${r.answered})</div>`,
  )}</div>`;
}

/** Answers per day as columns (inline SVG), the day's count above each. */
function participationChart(days: DashboardView["quizzes"]["days"], label: string): SafeHtml {
  const COLUMN = 40;
  const HEIGHT = 120;
  const TOP = 18;
  const BOTTOM = 20;
  const max = Math.max(1, ...days.map((d) => d.answers));
  const columns = days.map((d, i) => {
    const h = ((HEIGHT - TOP - BOTTOM) * d.answers) / max;
    const x = i * COLUMN + 6;
    const y = HEIGHT - BOTTOM - h;
    return html`<g><title>${d.date}: ${d.answers} · ${d.people}</title><rect class="bar" x="${x}" y="${y.toFixed(1)}" width="${COLUMN - 12}" height="${h.toFixed(1)}"></rect><text x="${x + (COLUMN - 12) / 2}" y="${(y - 4).toFixed(1)}" text-anchor="middle">${d.answers || ""}</text><text x="${x + (COLUMN - 12) / 2}" y="${HEIGHT - 5}" text-anchor="middle">${i === 0 || d.date.endsWith("-01") ? d.date.slice(5) : d.date.slice(8)}</text></g>`;
  });
  return html`<svg class="chart" viewBox="0 0 ${days.length * COLUMN} ${HEIGHT}" role="img" aria-label="${label}">${columns}</svg>`;
}

function memberRow(m: MemberView, locale: Locale): SafeHtml {
  const L = (k: Label) => LABELS[k][locale];
  const badge = m.finished
    ? html` <span class="badge done">${L("finished")}</span>`
    : m.stuck
      ? html` <span class="badge stuck">${L("stuck")}</span>`
      : "";
  const current = m.current ? `${m.current.n}. ${m.current.title}` : "—";
  return html`<tr class="${m.stuck ? "member stuck" : "member"}" data-user="${m.userId}"><td>${m.name}${badge}</td><td><progress value="${m.done}" max="${Math.max(1, m.total)}"></progress> <span class="muted">${m.done}/${m.total}</span></td><td>${current}</td><td>${when(m.lastActivityAt)}</td></tr>`;
}

/** A finding's place, linked to the file in the team's repository when TUTOR_NOTES_URL is set. */
function findingPlace(f: StoredFinding, notesUrl: string | undefined): SafeHtml {
  const place = `${f.file}:${f.line}`;
  if (!notesUrl) return html`<code>${place}</code>`;
  const base = notesUrl.endsWith("/") ? notesUrl : `${notesUrl}/`;
  const file = f.file.split("/").map(encodeURIComponent).join("/");
  const href = safeHref(`${base}${file}#L${f.line}`);
  return href ? html`<a href="${href}"><code>${place}</code></a>` : html`<code>${place}</code>`;
}

export interface PageOptions {
  locale: Locale;
  /** Base address of the notes folder in the team's repository browser (TUTOR_NOTES_URL). */
  notesUrl?: string | undefined;
  stylesheet: string;
}

/** The whole page: server-rendered, no script. */
export function renderDashboard(view: DashboardView, options: PageOptions): string {
  const { locale } = options;
  const L = (k: Label) => LABELS[k][locale];
  const ws = `${view.workspace.platform} · ${view.workspace.workspaceId}`;
  const q = view.quizzes;
  const g = view.gaps;
  const n = view.notes;

  const onboarding = html`<section id="onboarding" aria-labelledby="h-onboarding"><h2 id="h-onboarding">${L("onboarding")}</h2>${
    view.onboarding.members.length === 0
      ? html`<p class="empty">${L("noMembers")}</p>`
      : html`<table><thead><tr><th>${L("member")}</th><th>${L("progress")}</th><th>${L("current")}</th><th>${L("lastActivity")}</th></tr></thead><tbody>${view.onboarding.members.map((m) => memberRow(m, locale))}</tbody></table>`
  }</section>`;

  const quizzes = html`<section id="quizzes" aria-labelledby="h-quizzes"><h2 id="h-quizzes">${L("quizzes")}</h2><p class="muted">${L("answersSince").replace("{n}", String(q.answered)).replace("{since}", q.since.slice(0, 10))}</p>${
    q.answered === 0
      ? html`<p class="empty">${L("noAnswers")}</p>`
      : html`<h3>${L("perTopic")}</h3><div id="topics">${accuracyChart(q.topics, L("perTopic"))}</div><h3>${L("perSection")}</h3><div id="sections">${accuracyChart(q.sections, L("perSection"))}</div>`
  }<h3>${L("participation")}</h3><div id="participation">${participationChart(q.days, L("participation"))}</div><h3>${L("streaks")}</h3>${
    q.streaks.length === 0
      ? html`<p class="empty">${L("noStreaks")}</p>`
      : html`<table id="streaks"><thead><tr><th>${L("member")}</th><th class="num">${L("streakNow")}</th><th class="num">${L("streakBest")}</th></tr></thead><tbody>${q.streaks.map(
          (s) =>
            html`<tr><td>${s.name}</td><td class="num">${s.current}</td><td class="num">${s.best}</td></tr>`,
        )}</tbody></table>`
  }</section>`;

  const gaps = html`<section id="gaps" aria-labelledby="h-gaps"><h2 id="h-gaps">${L("gaps")}</h2><h3>${L("uncovered")}</h3>${
    g.uncovered.length === 0
      ? html`<p class="empty">${L("noUncovered")}</p>`
      : html`<ul class="plain" id="uncovered">${g.uncovered.map(
          (u) =>
            html`<li class="gap"><strong>${u.question}</strong> <span class="muted" data-count="${u.count}">× ${u.count} ${L("asked")} · ${u.askers} ${L(u.askers === 1 ? "person" : "people")}${u.requests > 0 ? html` · ${u.requests} ${L(u.requests === 1 ? "requestedOne" : "requested")}` : ""} · ${u.lastAsked.slice(0, 10)}</span>${
              u.wordings.length > 1
                ? html`<br><span class="muted">${u.wordings
                    .slice(1, 4)
                    .map((w) => `“${w}”`)
                    .join(" ")}</span>`
                : ""
            }</li>`,
        )}</ul>`
  }<h3>${L("downVotes")}</h3>${
    g.downVotes.length === 0
      ? html`<p class="empty">${L("noDownVotes")}</p>`
      : html`<ul class="plain" id="down-votes">${g.downVotes.map((d) => {
          const reason = reasonLabel(locale, d.reason);
          return html`<li>👎 <strong>${d.question}</strong>${reason ? html` <span class="badge">${reason}</span>` : ""}<br><span class="muted">/${d.command} · ${d.source ?? "—"} · ${d.votedAt.slice(0, 10)}</span></li>`;
        })}</ul>`
  }<h3>${L("requests")}</h3>${
    g.requests.length === 0
      ? html`<p class="empty">${L("noRequests")}</p>`
      : html`<ul class="plain" id="requests">${g.requests.map(
          (r) =>
            html`<li>📝 <strong>${r.question}</strong> <span class="muted">× ${r.requests} · ${r.lastRequestedAt.slice(0, 10)}</span></li>`,
        )}</ul>`
  }</section>`;

  const shown = n.findings.slice(0, FINDINGS_SHOWN);
  const notes = html`<section id="notes" aria-labelledby="h-notes"><h2 id="h-notes">${L("notes")}</h2><dl class="facts" id="index-status"><dt>${L("files")}</dt><dd>${n.index.files}</dd><dt>${L("entries")}</dt><dd>${n.index.entries}</dd><dt>${L("lastReindex")}</dt><dd>${n.index.lastReindexAt ? when(n.index.lastReindexAt) : L("unknown")}</dd><dt>${L("hash")}</dt><dd><code title="${n.index.hash}">${n.index.hash.slice(0, 16)}</code></dd></dl>${
    n.refused
      ? html`<p class="refused" id="refused-notes">⚠️ ${L("refused")} ${when(n.refused.at)}: ${[...new Set(n.refused.findings.map((f) => f.file))].join(", ")}</p>`
      : ""
  }<h3>${L("findings")} (${n.findings.length})</h3>${
    n.findings.length === 0
      ? html`<p class="empty">${L("noFindings")}</p>`
      : html`<ul class="plain" id="findings">${shown.map(
          (f) =>
            html`<li>${findingPlace(f, options.notesUrl)} <span class="badge">${f.kind}</span><br>${f.message[locale]}${f.excerpt ? html`<br><code>${f.excerpt.slice(0, 120)}</code>` : ""}${f.correction ? html` → <code>${f.correction}</code>` : ""}</li>`,
        )}${n.findings.length > shown.length ? html`<li class="muted">+${n.findings.length - shown.length} ${L("more")}</li>` : ""}</ul>`
  }</section>`;

  return html`<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer"><title>${L("title")} · ${ws}</title><link rel="stylesheet" href="${options.stylesheet}"></head>
<body><header><h1>${L("title")}</h1><p class="muted">${ws} · ${n.index.label} · ${L("generated")} ${when(view.generatedAt)}</p></header>
<main>${onboarding}${quizzes}${gaps}${notes}</main></body></html>
`.value;
}

/** The page a refused request gets: no data, what to do instead. */
export function renderRefusal(locale: Locale, stylesheet: string): string {
  const text =
    locale === "ja"
      ? "このリンクは無効か期限切れです。チャットで /tutor dashboard を実行して新しいリンクを取得してください。"
      : "This link is not valid or has expired. Run /tutor dashboard in your chat for a new one.";
  return html`<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>403</title><link rel="stylesheet" href="${stylesheet}"></head>
<body><header><h1>403</h1><p id="refused">${text}</p></header></body></html>
`.value;
}

/** The page a link is exchanged on: it sets the session cookie and moves on to the address without the token. */
export function renderExchange(locale: Locale, cleanPath: string, stylesheet: string): string {
  const text = locale === "ja" ? "ダッシュボードを開いています…" : "Opening the dashboard…";
  return html`<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0; url=${cleanPath}"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${text}</title><link rel="stylesheet" href="${stylesheet}"></head>
<body><header><p><a href="${cleanPath}">${text}</a></p></header></body></html>
`.value;
}
