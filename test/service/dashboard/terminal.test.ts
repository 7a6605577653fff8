// `npm start` in the terminal mode serves the dashboard on its HTTP port: `/tutor dashboard` typed in the
// terminal prints a local link that opens the page. A taken port is logged and the terminal goes on.
import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { configSchema, PROJECT_ROOT } from "../../../src/core/config.js";
import { ENTRY } from "../../helpers/service.js";
import { tempDir } from "../../helpers/tutor.js";

const tmp = tempDir("tutor-terminal-dashboard");
afterAll(() => tmp.cleanup());
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill("SIGKILL");
});

/** The terminal mode as a person starts it, typing into its stdin (a pipe). */
function terminal(env: Record<string, string>) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !(k in configSchema.shape) && !k.startsWith("npm_")),
  );
  const child = spawn(process.execPath, ENTRY.args, {
    cwd: PROJECT_ROOT,
    env: { ...clean, TUTOR_TERMINAL: "on", HOST: "127.0.0.1", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  children.push(child);
  const out = { stdout: "", stderr: "" };
  child.stdout.setEncoding("utf8").on("data", (d: string) => {
    out.stdout += d;
  });
  child.stderr.setEncoding("utf8").on("data", (d: string) => {
    out.stderr += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const waitFor = async (re: RegExp, ms: number): Promise<RegExpExecArray> => {
    const until = Date.now() + ms;
    for (;;) {
      const m = re.exec(out.stdout);
      if (m) return m;
      if (Date.now() > until) throw new Error(`no ${re} within ${ms} ms:\n${out.stdout}\n${out.stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { child, out, exited, waitFor };
}

describe("the terminal mode's dashboard", () => {
  it("prints a working local link for /tutor dashboard, signed with a random secret it logs about", async () => {
    const t = terminal({ TUTOR_DB: path.join(tmp.dir, "a.sqlite"), PORT: "0" });
    t.child.stdin.write("/tutor dashboard\n");
    const [link = ""] = await t.waitFor(
      /http:\/\/127\.0\.0\.1:\d+\/dashboard\/terminal\/local\?t=[0-9a-z.]+/,
      30_000,
    );
    const opened = await fetch(link);
    expect(opened.status).toBe(200);
    const cookie = (opened.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const page = await fetch(link.split("?")[0] ?? "", { headers: { cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Team dashboard");
    expect(html).toContain("terminal · local");
    expect(t.out.stderr + t.out.stdout).toContain("DASHBOARD_SECRET is not set");
    t.child.stdin.end();
    expect(await t.exited).toBe(0);
  }, 60_000);

  it("goes on without the page when the port is taken", async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const port = (taken.address() as net.AddressInfo).port;
    try {
      const t = terminal({ TUTOR_DB: path.join(tmp.dir, "b.sqlite"), PORT: String(port) });
      t.child.stdin.write("/tutor dashboard\n");
      await t.waitFor(new RegExp(`port ${port} is taken`), 30_000);
      // The terminal's output is the answers': nothing on stderr at the default log level.
      expect(t.out.stderr).toBe("");
      t.child.stdin.end();
      expect(await t.exited).toBe(0);
    } finally {
      taken.close();
    }
  }, 60_000);
});
