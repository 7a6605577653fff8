import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BUNDLED_NOTES_DIR } from "../../../src/core/config.js";
import { FROM_REFERENCE, QuestionBank, validateQuestion } from "../../../src/core/quiz/questions.js";
import { openDatabase } from "../../../src/core/storage/database.js";
import { ensureIndex } from "../../../src/knowledge/index-store.js";
import { KnowledgeIndex } from "../../../src/knowledge/search.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "quiz-q-"));
const db = openDatabase(path.join(dir, "t.sqlite"));
ensureIndex(db, BUNDLED_NOTES_DIR);
const index = new KnowledgeIndex(db);
const bank = new QuestionBank(index);
const findings = index.findings();
afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("question generation from the bundled notes", () => {
  const questions = Array.from({ length: 500 }, (_, seed) => bank.generate(seed));

  it("makes a valid question for each of 500 seeds", () => {
    for (const [seed, q] of questions.entries()) {
      expect(q, `seed ${seed}`).not.toBeNull();
      expect(validateQuestion(q!, findings), `seed ${seed}: ${q?.kind} ${q?.subject.en}`).toEqual([]);
    }
  });

  it("is deterministic for a seed", () => {
    expect(bank.generate(42)).toEqual(bank.generate(42));
    expect(new QuestionBank(index).generate(7)).toEqual(bank.generate(7));
  });

  it("covers every kind of question", () => {
    const kinds = new Set(questions.map((q) => q?.kind));
    expect([...kinds].sort()).toEqual([
      "definition-for-term",
      "fill-blank",
      "flag-meaning",
      "term-for-definition",
      "which-command",
    ]);
  });

  it("asks about the flags of the notes' option table and examples, showing both spellings", () => {
    const flags = bank
      .all()
      .filter((q) => q.kind === "flag-meaning" && q.code === "docker container run")
      .map((q) => q.subject.en);
    for (const f of [
      "-d, --detach",
      "-p, --publish",
      "--name",
      "--rm",
      "-v, --volume",
      "-i, --interactive",
      "-t, --tty",
    ]) {
      expect(flags, f).toContain(f);
    }
  });

  it("never rests on an erratum: -rm is asked as --rm, the RUN row as FROM, the ubuntu Dockerfile corrected", () => {
    const all = bank.all();
    const rm = all.find((q) => q.kind === "flag-meaning" && q.subject.en === "--rm");
    expect(rm?.erratum?.en).toContain("--rm");
    const from = all.find((q) => q.kind === "definition-for-term" && q.subject.en === "FROM");
    expect(from?.choices[from.answer]).toContain("ベースとなるイメージ");
    expect(all.filter((q) => q.kind === "definition-for-term" && q.subject.en === "RUN")).toHaveLength(1);
    const ubuntu = all.find((q) => q.kind === "fill-blank" && q.code?.includes("ubuntu"));
    expect(ubuntu?.code).toContain("ubuntu:16.04");
    expect(ubuntu?.code).not.toContain("ubuntu: 16.04");
    for (const q of all) expect(validateQuestion(q, findings)).toEqual([]);
  });

  it("never offers two right answers", () => {
    for (const q of bank.all(3)) {
      const normalized = q.choices.map((c) => c.toLowerCase().trim());
      expect(new Set(normalized).size).toBe(q.choices.length);
      if (q.kind === "fill-blank")
        expect(q.choices.filter((c) => c === "CMD" || c === "ENTRYPOINT").length).toBeLessThanOrEqual(1);
    }
  });

  it("keeps questions within a topic when asked", () => {
    for (let seed = 0; seed < 50; seed++) {
      const q = bank.generate(seed, "Kubernetes");
      expect(q?.source.path[0]).toBe("Kubernetes");
    }
  });

  it("gives the same id to the same question, and a new id when the note's words change", () => {
    const q = bank.generate(1);
    expect(bank.generate(1)?.id).toBe(q?.id);
    const notes = fs.mkdtempSync(path.join(os.tmpdir(), "quiz-notes-"));
    const text = fs.readFileSync(path.join(BUNDLED_NOTES_DIR, "docker-kubernetes.md"), "utf8");
    fs.writeFileSync(
      path.join(notes, "n.md"),
      text.replace("Kubernetesクラスタのバッキングストア", "クラスタの全データを保存するキーバリューストア"),
    );
    const db2 = openDatabase(path.join(notes, "t.sqlite"));
    ensureIndex(db2, notes);
    const bank2 = new QuestionBank(new KnowledgeIndex(db2));
    const etcdOld = bank.all().find((x) => x.kind === "definition-for-term" && x.subject.en === "etcd");
    const etcdNew = bank2.all().find((x) => x.kind === "definition-for-term" && x.subject.en === "etcd");
    expect(etcdNew?.id).toBeDefined();
    expect(etcdNew?.id).not.toBe(etcdOld?.id);
    db2.close();
    fs.rmSync(notes, { recursive: true, force: true });
  });
});

describe("questions test what the notes say", () => {
  const pool = bank.all();
  const which = (name: string) =>
    pool.find((q) => q.kind === "which-command" && q.choices[q.answer] === name);

  it("asks for a command by the notes' own caption of it", () => {
    expect(which("kubectl rollout undo")?.subject.ja).toBe("特定のREVISIONにロールバック");
    expect(which("kubectl logs")?.subject.ja).toBe("標準出力");
    expect(which("docker container cp")?.subject.ja).toBe(
      "起動しているコンテナとホストOS間でファイルの受け渡しができます。",
    );
    expect(which("kubectl logs")?.explanation).not.toContain(FROM_REFERENCE);
  });

  it("never gives the answer away in the caption, and says so when a question rests on the reference alone", () => {
    for (const q of pool.filter((x) => x.kind === "which-command")) {
      for (const c of q.choices) expect(q.subject.ja.includes(c), q.subject.ja).toBe(false);
    }
    // The notes write `docker container prune` in its own intro: the reference's one-liner is the question.
    const prune = which("docker container prune");
    expect(prune?.explanation).toContain(FROM_REFERENCE);
    const fromReference = pool.filter((q) => q.explanation.includes(FROM_REFERENCE));
    const fromNotes = pool.filter((q) => !q.explanation.includes(FROM_REFERENCE));
    expect(fromNotes.length).toBeGreaterThan(fromReference.length);
  });
});
