import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { terminalPoster } from "../../../src/bots/terminal/poster.js";
import { runRepl } from "../../../src/bots/terminal/repl.js";
import { invocation, openTestTutor, type TestTutor } from "../../helpers/tutor.js";

let env: TestTutor | undefined;
afterEach(() => env?.close());

describe("a daily question in the terminal", () => {
  it("is printed with numbered choices and answered by typing a number", async () => {
    env = openTestTutor({ name: "terminal-daily" });
    const { tutor } = env;
    const out: string[] = [];
    const output = new PassThrough();
    output.setEncoding("utf8").on("data", (d: string) => out.push(d));
    const buttons = { choices: [] };
    const ctx = invocation();
    // A schedule whose time has passed today: start-up sends today's post at once.
    await tutor.runCommand(ctx, ["tutor", "daily", "set"], { time: "00:00", timezone: "UTC" });
    await tutor.daily.start([terminalPoster(output, "en", buttons)]);
    const posted = out.join("");
    expect(posted).toContain("── Daily quiz · ");
    expect(posted).toContain("  [1] ");
    const input = new PassThrough();
    const done = runRepl(tutor, { input, output, locale: "en", interactive: false, buttons });
    input.end("1\n");
    await done;
    const answered = out.join("").slice(posted.length);
    expect(answered).toContain("1 answered · A.");
    expect(answered).toContain("The answer is revealed with the next daily question.");
  });
});
