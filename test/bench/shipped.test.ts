import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { SHIPPED_ENV, SHIPPED_NODE_ARGS } from "../../bench/lib/shipped.js";
import { PROJECT_ROOT } from "../../src/core/config.js";

const read = (file: string) => fs.readFileSync(path.join(PROJECT_ROOT, file), "utf8");

it("runs the service in the bench with the image's CMD flags and allocator setting", () => {
  const dockerfile = read("Dockerfile");
  const cmd = /^CMD (\[.*\])$/m.exec(dockerfile)?.[1];
  expect(JSON.parse(cmd ?? "[]")).toEqual(["node", ...SHIPPED_NODE_ARGS, "dist/src/main.js"]);
  for (const [name, value] of Object.entries(SHIPPED_ENV)) {
    expect(dockerfile).toMatch(new RegExp(`^\\s+${name}=${value}( \\\\)?$`, "m"));
  }
});

it("starts `npm start` with the same flags", () => {
  const { scripts } = JSON.parse(read("package.json")) as { scripts: Record<string, string> };
  expect(scripts.start).toBe(["node", ...SHIPPED_NODE_ARGS, "dist/src/main.js"].join(" "));
});
