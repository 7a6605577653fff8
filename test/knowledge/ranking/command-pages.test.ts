import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../../src/core/storage/database.js";
import { ensureIndex } from "../../../src/knowledge/index-store.js";
import { commandTool, SectionIndex } from "../../../src/knowledge/ranking/section-index.js";
import { KnowledgeIndex } from "../../../src/knowledge/search.js";

// The tldr pages of ../shared/corpora: a folder of command pages of several tools (docker, kubectl, podman, helm).
const TLDR = path.resolve(import.meta.dirname, "../../../../shared/corpora/tldr/pages");
const present = fs.existsSync(TLDR);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tutor-tools-"));
const db = openDatabase(path.join(dir, "index.sqlite"));
if (present) ensureIndex(db, TLDR, true);
afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("a folder of command pages", () => {
  it("reads the tool of a command heading, and nothing from other headings", () => {
    expect(commandTool("kubectl drain")).toBe("kubectl");
    expect(commandTool("docker container ls")).toBe("docker");
    expect(commandTool("Restart policies")).toBeNull();
    expect(commandTool("kubectl")).toBeNull();
    // Not a function word or everyday English at the start of an ordinary heading.
    for (const h of ["how to deploy", "team notes", "on call rotation"]) expect(commandTool(h), h).toBeNull();
    // Stemmed as question words are.
    expect(commandTool("jenkins restart")).toBe("jenkin");
  });

  it.skipIf(!present)("knows the tools whose commands head its pages", () => {
    const tools = new SectionIndex(db).tools();
    for (const t of ["docker", "kubectl", "podman"]) expect(tools.has(t), t).toBe(true);
  });

  it.skipIf(!present)("answers a question naming one tool from that tool's pages, not another tool's", () => {
    const index = new KnowledgeIndex(db);
    const top = (q: string) => index.ask(q).response.results[0]?.path.at(-1);
    expect(top("how do I switch to another kubectl context")).toBe("kubectl config");
    expect(top("リモートの docker ホストとローカルを切り替えて使いたい")).toBe("docker context");
  });
});
