/**
 * The terminal session is one conversation: a plain follow-up is read with the questions before it, and a
 * new session starts afresh.
 */
import { Readable, Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runRepl } from "../../../src/bots/terminal/repl.js";
import { openTestTutor, type TestTutor } from "../../helpers/tutor.js";

describe("follow-ups in the terminal", () => {
  let env: TestTutor;
  beforeAll(() => {
    env = openTestTutor({ name: "repl-threads" });
  });
  afterAll(() => env.close());

  async function session(lines: string[]): Promise<string[]> {
    let out = "";
    const output = new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        out += chunk.toString();
        done();
      },
    });
    await runRepl(env.tutor, {
      input: Readable.from([`${lines.join("\n")}\n`]),
      output,
      locale: "en",
      interactive: false,
    });
    return out
      .split("\n\n")
      .map((a) => a.trim())
      .filter(Boolean);
  }

  it("answers 'and how do I delete it?' about the ReplicaSet asked before", async () => {
    const [first, follow, ...more] = await session(["What is a ReplicaSet?", "and how do I delete it?"]);
    expect(more).toEqual([]);
    expect(first).toContain("Kubernetes › ReplicaSet");
    expect(follow).toContain("read as “how do I delete ReplicaSet?”");
    expect(follow).toContain("Kubernetes › ReplicaSet");
  });

  it("starts each session afresh", async () => {
    const [alone] = await session(["and how do I delete it?"]);
    expect(alone).not.toContain("read as");
  });
});
