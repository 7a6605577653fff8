// The shape the README promises: core knows nothing of the platforms, use cases see a narrow context and
// not the Tutor class, and no module imports itself through others (type imports included).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SRC = path.resolve(import.meta.dirname, "../src");

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return sources(p);
    return d.name.endsWith(".ts") ? [p] : [];
  });
}

const files = sources(SRC);
/** Each file's relative imports (static, dynamic and type-only), as absolute .ts paths. */
const imports = new Map(
  files.map((f) => {
    const text = fs.readFileSync(f, "utf8");
    const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)].map(
      (m) => m[1] ?? "",
    );
    return [
      f,
      specs
        .map((s) => path.resolve(path.dirname(f), s).replace(/\.js$/, ".ts"))
        .filter((p) => files.includes(p)),
    ];
  }),
);
const rel = (f: string) => path.relative(SRC, f);

describe("architecture", () => {
  it("core imports nothing of the platform adapters or the service", () => {
    for (const f of files.filter((x) => rel(x).startsWith("core/")))
      for (const dep of imports.get(f) ?? [])
        expect(rel(dep), `${rel(f)} imports ${rel(dep)}`).not.toMatch(/^(?:bots|service)\//);
  });

  it("no core module imports the Tutor class: use cases take a context (src/core/context.ts)", () => {
    const tutor = path.join(SRC, "core/tutor.ts");
    const importers = files.filter(
      (f) => rel(f).startsWith("core/") && (imports.get(f) ?? []).includes(tutor),
    );
    expect(importers.map(rel)).toEqual([]);
  });

  it("has no import cycle", () => {
    const state = new Map<string, "open" | "done">();
    const cycles: string[] = [];
    const visit = (f: string, trail: string[]) => {
      if (state.get(f) === "done") return;
      if (state.get(f) === "open") {
        cycles.push([...trail.slice(trail.indexOf(f)), f].map(rel).join(" > "));
        return;
      }
      state.set(f, "open");
      for (const dep of imports.get(f) ?? []) visit(dep, [...trail, f]);
      state.set(f, "done");
    };
    for (const f of files) visit(f, []);
    expect(cycles).toEqual([]);
  });
});
