import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderReply } from "../../../src/bots/discord/render.js";
import { renderSlack } from "../../../src/bots/slack/render.js";
import { renderText } from "../../../src/bots/terminal/render.js";
import { askReply } from "../../../src/core/answers/ask.js";
import { codeOf, invocation, openTestTutor, type TestTutor, tempNotes, textsOf } from "../../helpers/tutor.js";

const nginx = `---
title: Nginx reverse proxy
---

## WebSockets

WebSocket connections only work if the upgrade headers are passed through:

\`\`\`nginx
location /ws/ {
    proxy_pass http://chat;
    proxy_set_header Upgrade $http_upgrade;
}
\`\`\`

Reload after the change.

## Rate limiting

The zone is declared once; each location refers to it.

\`\`\`nginx
location /api/ {
    limit_req zone=api burst=20;
}
\`\`\`

## Timeouts

Raise the read timeout for slow upstreams. See the table in the runbook.
`;

describe("a section's code block that is not a command line (config, HCL, SQL)", () => {
  let notes: { dir: string; cleanup: () => void };
  let env: TestTutor;
  beforeAll(() => {
    notes = tempNotes({ "nginx.md": nginx });
    env = openTestTutor({ notesDir: notes.dir, name: "section-code" });
  });
  afterAll(() => {
    env.close();
    notes.cleanup();
  });
  const ask = (q: string) => askReply(env.tutor, invocation("en"), q);

  it("is shown right after the sentence that introduces it, the rest of the prose after", async () => {
    const r = await ask("how do I proxy websockets through nginx");
    expect(codeOf(r)[0]).toContain("proxy_set_header Upgrade $http_upgrade;");
    const types = r.blocks.map((b) => b.type);
    expect(types.indexOf("code")).toBe(types.indexOf("text") + 1);
    expect(textsOf(r)[0]).toMatch(/passed through:$/);
    expect(textsOf(r)[1]).toBe("Reload after the change.");
  });

  it("is shown for a how-to even when no sentence introduces it", async () => {
    const r = await ask("how do I add rate limiting to a location");
    expect(codeOf(r)[0]).toContain("limit_req zone=api burst=20;");
  });

  it("reaches every surface as code", async () => {
    const r = await ask("how do I proxy websockets through nginx");
    expect(renderText(r, "en")).toContain("proxy_set_header Upgrade $http_upgrade;");
    expect(JSON.stringify(renderSlack(r, "en").blocks)).toContain("```");
    const embeds = renderReply(r, "en").message.embeds ?? [];
    expect(embeds.map((e) => e.description ?? "").join("\n")).toContain("```");
  });

  it("is not added to a section that has none", async () => {
    const r = await ask("how do I raise the read timeout for slow upstreams");
    expect(codeOf(r)).toEqual([]);
  });
});
