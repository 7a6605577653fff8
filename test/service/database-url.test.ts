// `npm start` with DATABASE_URL: a bad URL or an unreachable server stops start-up with one line naming
// the variable (never a stack trace, never the password); on a real PostgreSQL, /readyz follows the
// database: ready while it answers, 503 with the database check false once it is gone.
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../helpers/postgres.js";
import { describeOnPostgres } from "../helpers/postgres-suite.js";
import { killAll, serveProcess, startProcess } from "../helpers/service.js";
import { tempDir } from "../helpers/tutor.js";

const tmp = tempDir("database-url");
afterAll(() => {
  killAll();
  tmp.cleanup();
});

async function startFails(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const s = startProcess({
    TUTOR_TERMINAL: "off",
    PORT: "0",
    TUTOR_DB: path.join(tmp.dir, "t.sqlite"),
    ...env,
  });
  const code = await s.exited;
  return { code, stderr: s.stderr };
}

describe("DATABASE_URL at start-up", () => {
  it("a URL that is not PostgreSQL's: one line naming the variable, exit 1, the value not repeated", {
    timeout: 30_000,
  }, async () => {
    const { code, stderr } = await startFails({ DATABASE_URL: "mysql://bot:s3cret@db/tutor" });
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toEqual([
      "Configuration error: DATABASE_URL must be a PostgreSQL URL: postgres://user:password@host:5432/database",
    ]);
  });

  it("a server that does not answer: one line with the driver's reason, exit 1, no password", {
    timeout: 30_000,
  }, async () => {
    const { code, stderr } = await startFails({ DATABASE_URL: "postgres://bot:s3cret@127.0.0.1:1/tutor" });
    expect(code).toBe(1);
    const lines = stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Configuration error: DATABASE_URL: cannot open the database \(.*ECONNREFUSED/);
    expect(stderr).not.toContain("s3cret");
  });
});

describeOnPostgres("/readyz on PostgreSQL", (server) => {
  it("is ready while the database answers and 503 once it is gone", { timeout: 60_000 }, async () => {
    const database = await createTestDatabase(server, "readyz");
    try {
      const { port } = await serveProcess({
        DATABASE_URL: database.url,
        TUTOR_DB: path.join(tmp.dir, "readyz.sqlite"),
        TUTOR_NOTES_WATCH: "false",
      });
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(ready.status).toBe(200);
      expect(((await ready.json()) as { checks: unknown[] }).checks).toContainEqual({
        name: "database",
        ready: true,
      });
      // The database is dropped under the running service (its connections closed by the server).
      await database.drop();
      let last: { status: number; body: { checks: unknown[] } } | undefined;
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline) {
        const res = await fetch(`http://127.0.0.1:${port}/readyz`);
        last = { status: res.status, body: (await res.json()) as { checks: unknown[] } };
        if (last.status === 503) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(last?.status).toBe(503);
      expect(last?.body.checks).toContainEqual({ name: "database", ready: false });
      expect(last?.body.checks).toContainEqual({ name: "index", ready: true });
    } finally {
      await database.drop();
    }
  });
});
