/**
 * The page's stylesheet, served as a file (`/dashboard/assets/dashboard.css`) so the Content Security Policy
 * needs no inline styles. Light by default, dark when the system prefers it; one column on a phone.
 */
export const DASHBOARD_CSS = `
:root {
  color-scheme: light dark;
  --bg: #f7f7f5; --card: #ffffff; --text: #1d1d1f; --muted: #5f6368; --line: #e1e1dc;
  --accent: #2f6fde; --good: #1e8e3e; --warn: #b3261e; --bar-bg: #e8eaed; --stuck: #fdecea;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #15171a; --card: #1f2226; --text: #e8eaed; --muted: #a0a6ad; --line: #33373c;
    --accent: #7aa7ff; --good: #6dd58c; --warn: #ff8a80; --bar-bg: #33373c; --stuck: #3a2222;
  }
}
* { box-sizing: border-box; }
body {
  margin: 0; background: var(--bg); color: var(--text);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "Hiragino Sans", "Noto Sans JP", sans-serif;
}
header, main { max-width: 1100px; margin: 0 auto; padding: 0 16px; }
header { padding-top: 20px; }
h1 { font-size: 1.5rem; margin: 0 0 4px; }
h2 { font-size: 1.15rem; margin: 0 0 12px; }
h3 { font-size: 1rem; margin: 16px 0 8px; }
.muted { color: var(--muted); font-size: 0.9rem; }
main { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 440px), 1fr)); gap: 16px; padding-bottom: 32px; }
section { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 16px; min-width: 0; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; padding: 6px 4px; border-bottom: 1px solid var(--line); vertical-align: top; overflow-wrap: anywhere; }
th { font-weight: 600; color: var(--muted); font-size: 0.85rem; }
td.num, th.num { text-align: right; white-space: nowrap; }
tr.stuck td { background: var(--stuck); }
.badge { display: inline-block; padding: 0 6px; border-radius: 8px; font-size: 0.8rem; border: 1px solid currentColor; }
.badge.stuck { color: var(--warn); }
.badge.done { color: var(--good); }
progress { width: 100%; max-width: 160px; height: 10px; accent-color: var(--accent); }
svg.chart { width: 100%; height: 150px; display: block; }
svg.chart text { fill: var(--text); font-size: 14px; }
svg .track { fill: var(--bar-bg); }
svg .bar { fill: var(--accent); }
svg .bar.low { fill: var(--warn); }
svg .bar.high { fill: var(--good); }
ul.plain { list-style: none; padding: 0; margin: 0; }
ul.plain li { padding: 6px 0; border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; font-size: 0.85rem; }
a { color: var(--accent); }
p.refused { color: var(--warn); }
.empty { color: var(--muted); font-style: italic; }
.acc { display: grid; grid-template-columns: minmax(0, 2fr) minmax(60px, 1fr) auto; gap: 4px 10px; align-items: center; margin: 0; }
.acc .label { overflow-wrap: anywhere; font-size: 0.9rem; }
.acc svg { width: 100%; height: 10px; display: block; }
.acc .value { font-variant-numeric: tabular-nums; font-size: 0.85rem; white-space: nowrap; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 12px; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
`;
