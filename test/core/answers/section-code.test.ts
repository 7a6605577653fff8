import { describe, expect, it } from "vitest";
import { renderReply } from "../../../src/bots/discord/render.js";
import { renderSlack } from "../../../src/bots/slack/render.js";
import { renderText } from "../../../src/bots/terminal/render.js";
import { askReply } from "../../../src/core/answers/ask.js";
import type { Block } from "../../../src/core/reply.js";
import { allText, codeOf, invocation, tutorOverNotes, textsOf } from "../../helpers/tutor.js";

const runbook = `---
title: Database runbook
---

## Read-only role

Create the role first:

\`\`\`sql
CREATE ROLE reporter LOGIN PASSWORD 'change-me';
\`\`\`

Then let it read the schema:

\`\`\`sql
GRANT USAGE ON SCHEMA app TO reporter;
GRANT SELECT ON ALL TABLES IN SCHEMA app TO reporter;
\`\`\`

Check the grants with psql afterwards.

## Connection pooling

The pooler sits between the app and the database.

\`\`\`ini
[pgbouncer]
pool_mode = transaction
max_client_conn = 200
\`\`\`

## Ports and processes

\`\`\`bash
# which process holds a port
sudo ss -ltnp | grep 5432
# stop it politely
kill 4242
\`\`\`

Use kill -9 only as a last resort: the process cannot clean up.

## Vacuum

Autovacuum handles most tables. Run vacuum by hand after a bulk delete.

## Slow query helper

\`\`\`python
def explain_slow_query(cursor, sql):
    cursor.execute("EXPLAIN ANALYZE " + sql)
    return cursor.fetchall()
\`\`\`
`;

const codeBlocks = (blocks: Block[]) => blocks.filter((b) => b.type === "code");

describe("a section's code block that is not a command line (SQL, config, a script)", () => {
  const env = tutorOverNotes({ "runbook.md": runbook }, "section-code");
  const ask = (q: string) => askReply(env().tutor, invocation("en"), q);

  it("comes right after the sentence that introduces it, with its fence's language", async () => {
    const r = await ask("how do I grant the reporter role select on the schema");
    const [code] = codeBlocks(r.blocks);
    expect(code).toMatchObject({ lang: "sql" });
    expect(codeOf(r)[0]).toContain("GRANT SELECT ON ALL TABLES IN SCHEMA app TO reporter;");
    const at = r.blocks.findIndex((b) => b.type === "code");
    const before = r.blocks[at - 1];
    expect(before?.type === "text" && before.text.endsWith("Then let it read the schema:")).toBe(true);
    expect(textsOf(r).some((t) => t.startsWith("Check the grants with psql afterwards."))).toBe(true);
  });

  it("is the block the question is about, after its own sentence, when the section has several", async () => {
    const r = await ask("how do I create the reporter role with a login password");
    expect(codeOf(r)[0]).toContain("CREATE ROLE reporter");
    const at = r.blocks.findIndex((b) => b.type === "code");
    const before = r.blocks[at - 1];
    expect(before?.type === "text" && before.text.endsWith("Create the role first:")).toBe(true);
  });

  it("is shown after the paragraph before it, for a how-to, when that paragraph does not introduce it", async () => {
    const r = await ask("how do I set up connection pooling");
    expect(codeOf(r)[0]).toContain("pool_mode = transaction");
    expect(r.blocks.findIndex((b) => b.type === "code")).toBeGreaterThan(0);
  });

  it("shows a how-to the shell block first, then the prose after it", async () => {
    const r = await ask("which command shows the process that holds a port");
    expect(r.blocks[0]?.type).toBe("code");
    expect(codeOf(r)[0]).toContain("sudo ss -ltnp | grep 5432");
    expect(textsOf(r)[0]).toContain("last resort");
  });

  it("is shown as code, once, for a section of code alone", async () => {
    const r = await ask("how do I explain a slow query with the helper");
    expect(codeOf(r)).toHaveLength(1);
    expect(codeOf(r)[0]).toContain("def explain_slow_query");
    expect(textsOf(r).some((t) => t.includes("def explain_slow_query"))).toBe(false);
  });

  it("reaches every surface as code", async () => {
    const r = await ask("how do I grant the reporter role select on the schema");
    expect(renderText(r, "en")).toContain("GRANT USAGE ON SCHEMA app TO reporter;");
    expect(JSON.stringify(renderSlack(r, "en").blocks)).toContain("```");
    const embeds = renderReply(r, "en").message.embeds ?? [];
    expect(embeds.map((e) => e.description ?? "").join("\n")).toContain("```sql");
  });

  it("is not added to a section that has none", async () => {
    const r = await ask("how do I run vacuum by hand after a bulk delete");
    expect(codeOf(r)).toEqual([]);
  });
});

const opsNotes = `# Ops notes

## Log rotation

Rotate the shop's files weekly with this stanza:

\`\`\`
/var/log/shop/*.log {
  weekly
  rotate 4
}
\`\`\`

It keeps four weeks of files. Dry-run the stanza without touching any file, as follows.

\`\`\`
logrotate -d /etc/logrotate.d/shop
\`\`\`

The output is similar to this:

\`\`\`
reading config file /etc/logrotate.d/shop
\`\`\`

## Stuck sessions

To list what waits on a lock:

\`\`\`sql
SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock';
\`\`\`

To end those sessions:

\`\`\`sql
SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE wait_event_type = 'Lock';
\`\`\`

## バックアップ

夜間のバックアップは以下の設定で動きます。

\`\`\`ini
[backup]
schedule = 02:00
\`\`\`

保存先の容量が足りないときは、古い世代から消えます。復元するときは以下の手順を実行します。

\`\`\`ini
[restore]
from = latest
\`\`\`
`;

describe("the sentences around the one block a section answer shows", () => {
  const env = tutorOverNotes({ "ops.md": opsNotes }, "section-code-leads");
  const ask = (q: string) => askReply(env().tutor, invocation("en"), q);

  it("leave out the sentence that introduces a block it does not show", async () => {
    const r = await ask("how do I rotate the shop log files weekly");
    expect(codeOf(r)[0]).toContain("rotate 4");
    expect(allText(r)).toContain("It keeps four weeks of files.");
    expect(allText(r)).not.toContain("The output is similar to this:");
    expect(allText(r)).not.toContain("as follows");
  });

  it("keep the other sentences of the paragraph before such a block (「以下の…」 in Japanese notes)", async () => {
    const r = await ask("夜間のバックアップの設定はどうなっている？");
    expect(codeOf(r)[0]).toContain("schedule = 02:00");
    expect(allText(r)).toContain("保存先の容量が足りないときは、古い世代から消えます。");
    expect(allText(r)).not.toContain("復元するときは以下の手順を実行します。");
  });

  it("pick, of blocks that share as many of the question's words, the one whose sentence says what it does", async () => {
    const r = await ask("how do I end the sessions stuck on a lock");
    expect(codeOf(r)[0]).toContain("pg_terminate_backend");
    expect(allText(r)).toContain("To end those sessions:");
  });
});
