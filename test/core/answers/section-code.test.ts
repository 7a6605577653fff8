import { describe, expect, it } from "vitest";
import { renderReply } from "../../../src/bots/discord/render.js";
import { renderSlack } from "../../../src/bots/slack/render.js";
import { renderText } from "../../../src/bots/terminal/render.js";
import { askReply } from "../../../src/core/answers/ask.js";
import type { Block } from "../../../src/core/reply.js";
import { codeOf, invocation, tutorOverNotes, textsOf } from "../../helpers/tutor.js";

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
