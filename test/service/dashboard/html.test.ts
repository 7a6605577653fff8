import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DashboardView } from "../../../src/core/dashboard/model.js";
import { escapeHtml, html, safeHref } from "../../../src/service/dashboard/html.js";
import { renderDashboard } from "../../../src/service/dashboard/render.js";

const HOSTILE = `<script>alert("x")</script><img src=x onerror='y'>&amp;`;

/** A view whose every string from people or notes is hostile markup. */
function hostileView(text: string): DashboardView {
  return {
    workspace: { platform: "slack", workspaceId: "T0TEAM" },
    generatedAt: "2026-12-01T09:00:00.000Z",
    onboarding: {
      lessons: 5,
      members: [
        {
          userId: text,
          name: text,
          done: 3,
          total: 5,
          current: { n: 4, title: text },
          lastActivityAt: "2026-12-01T08:00:00.000Z",
          finished: false,
          stuck: true,
        },
      ],
    },
    quizzes: {
      since: "2026-09-02T09:00:00.000Z",
      answered: 4,
      topics: [{ label: text, path: [text], source: text, answered: 4, correct: 3, accuracy: 0.75 }],
      sections: [{ label: text, path: [text], source: text, answered: 4, correct: 3, accuracy: 0.75 }],
      days: [{ date: "2026-12-01", answers: 4, people: 2 }],
      streaks: [{ userId: text, name: text, current: 2, best: 3 }],
    },
    gaps: {
      since: "2026-09-02T09:00:00.000Z",
      uncovered: [
        {
          question: text,
          wordings: [text, `${text} 2`],
          terms: [text],
          count: 2,
          askers: 1,
          requests: 1,
          lastAsked: "2026-12-01T08:00:00.000Z",
          latestId: 1,
        },
      ],
      downVotes: [{ command: text, question: text, source: text, reason: text, votedAt: "2026-12-01" }],
      requests: [{ question: text, requests: 1, lastRequestedAt: "2026-12-01" }],
    },
    notes: {
      index: { label: text, files: 1, entries: 2, hash: text, lastReindexAt: null },
      findings: [
        {
          kind: text,
          file: `${text}.md`,
          line: 3,
          excerpt: text,
          message: { en: text, ja: text },
          correction: text,
        },
      ],
      refused: {
        at: "2026-12-01T08:00:00.000Z",
        findings: [{ kind: text, file: text, line: 1, excerpt: text, message: { en: text, ja: text } }],
      },
    },
  };
}

describe("dashboard HTML", () => {
  it("escapes the five characters that matter in content and attributes", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
    );
    expect(html`<p title="${`" onmouseover="x`}">${"<b>"}</p>`.value).toBe(
      '<p title="&quot; onmouseover=&quot;x">&lt;b&gt;</p>',
    );
    // Markup made by html itself, and lists of it, go in as they are.
    expect(html`<ul>${["a", "<b>"].map((x) => html`<li>${x}</li>`)}</ul>`.value).toBe(
      "<ul><li>a</li><li>&lt;b&gt;</li></ul>",
    );
  });

  it("links only http(s) addresses", () => {
    expect(safeHref("https://github.com/t/n/blob/main/a.md#L3")).toBe(
      "https://github.com/t/n/blob/main/a.md#L3",
    );
    expect(safeHref("javascript:alert(1)")).toBeNull();
    expect(safeHref("data:text/html,x")).toBeNull();
    expect(safeHref("not a url")).toBeNull();
  });

  it("renders every name, question and heading as text, never as markup", () => {
    const page = renderDashboard(hostileView(HOSTILE), {
      locale: "en",
      notesUrl: "https://github.com/t/n/blob/main",
      stylesheet: "/dashboard/assets/dashboard.css",
    });
    expect(page).not.toContain("<script");
    expect(page).not.toContain("<img");
    expect(page).not.toContain("onerror='");
    expect(page).toContain(escapeHtml(HOSTILE));
    // The refused notes are said, their file named (escaped too).
    expect(page).toMatch(/id="refused-notes">[^<]*The newest notes were refused[^<]*&lt;script&gt;/);
    // The finding's file is a path segment of the link, encoded, not markup in the attribute.
    expect(page).toMatch(/href="https:\/\/github\.com\/t\/n\/blob\/main\/%3Cscript%3E[^"]*#L3"/);
  });

  it("speaks the team's language", () => {
    const page = renderDashboard(hostileView("x"), { locale: "ja", stylesheet: "/s.css" });
    expect(page).toContain('<html lang="ja">');
    expect(page).toContain("チームのダッシュボード");
    expect(page).toContain("2026-09-02 以降の回答 4 件");
    expect(page).toContain("停滞");
  });

  it("never lets arbitrary text open a tag or an attribute (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", minLength: 1, maxLength: 40 }), (text) => {
        const page = renderDashboard(hostileView(text), { locale: "ja", stylesheet: "/s.css" });
        const plain = renderDashboard(hostileView("x"), { locale: "ja", stylesheet: "/s.css" });
        // Whatever the text, the page has exactly the tags and quotes of the page with a plain word instead.
        const shape = (s: string) => (s.match(/[<>"]/g) ?? []).length;
        expect(shape(page)).toBe(shape(plain));
      }),
      { numRuns: 200 },
    );
  });
});
