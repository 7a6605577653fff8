// Test files that need a real PostgreSQL: run on TEST_DATABASE_URL, skipped without it, except in CI,
// where a missing server is a failure (`.ci/run` starts one; `scripts/with-postgres.sh` does it anywhere).
import { describe, expect, it } from "vitest";
import { TEST_DATABASE_URL } from "./postgres.js";

/** `describe` on a PostgreSQL server (its URL given to `body`), or the skip / the CI failure without one. */
export function describeOnPostgres(name: string, body: (serverUrl: string) => void): void {
  const server = TEST_DATABASE_URL;
  if (server) {
    describe(name, () => body(server));
  } else if (process.env.CI) {
    describe(name, () => {
      it("has a PostgreSQL to run on in CI (TEST_DATABASE_URL)", () => {
        expect(TEST_DATABASE_URL, "CI must run the PostgreSQL tests: see .ci/run").toBeDefined();
      });
    });
  } else {
    describe.skip(`${name} (no TEST_DATABASE_URL: scripts/with-postgres.sh npm test)`, () => {
      it.skip("needs PostgreSQL", () => {});
    });
  }
}
