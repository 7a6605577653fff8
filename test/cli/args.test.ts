import { describe, expect, it } from "vitest";
import { CliUsageError, parseCliArgs } from "../../src/cli/args.js";

describe("tutor's own options and the query", () => {
  it("takes everything that is not its own option as the query, flags included", () => {
    const a = parseCliArgs([
      "explain",
      "docker",
      "run",
      "-d",
      "-p",
      "9000:8080",
      "--rm",
      "nginx",
      "--json",
      "--db",
      "x.db",
    ]);
    expect(a).toMatchObject({
      subcommand: "explain",
      query: "docker run -d -p 9000:8080 --rm nginx",
      json: true,
      db: "x.db",
    });
  });

  it("quotes again a word the shell un-quoted, so the query reads as typed", () => {
    expect(parseCliArgs(["explain", "docker", "run", "-e", "A=b c", "nginx"]).query).toBe(
      'docker run -e "A=b c" nginx',
    );
    expect(parseCliArgs(["explain", "docker cp"]).query).toBe("docker cp");
    expect(parseCliArgs(["ask", "Docker Compose とは", "--json"]).query).toBe("Docker Compose とは");
  });

  it("answers a bad option with a usage error, not a stack trace", () => {
    expect(() => parseCliArgs(["ask", "x", "--locale", "fr"])).toThrow(
      new CliUsageError("--locale must be en or ja"),
    );
    expect(() => parseCliArgs(["ask", "x", "--notes"])).toThrow(CliUsageError);
  });
});
