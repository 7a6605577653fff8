import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

/** How to start a worker thread on a module: a file, or a loader evaluated as the worker's script. */
export interface WorkerScript {
  script: string | URL;
  eval: boolean;
}

/**
 * The script of the worker module `name` (without extension) next to the module at `base` (its
 * `import.meta.url`): the compiled .js when there is one, or (when running from the TypeScript source, as
 * the tests and tsx do) a loader that registers tsx in the worker and imports the .ts source. Null when
 * neither can be started.
 */
export function workerScript(name: string, base: string): WorkerScript | null {
  const js = new URL(`./${name}.js`, base);
  if (fs.existsSync(js)) return { script: js, eval: false };
  const ts = new URL(`./${name}.ts`, base);
  if (!fs.existsSync(ts)) return null;
  let api: string;
  try {
    // tsx's ESM API, as its package exports name it (require.resolve would pick the CommonJS build).
    const manifest = createRequire(base).resolve("tsx/package.json");
    const exports = JSON.parse(fs.readFileSync(manifest, "utf8")).exports?.["./esm/api"]?.import?.default;
    if (typeof exports !== "string") return null;
    api = pathToFileURL(path.join(path.dirname(manifest), exports)).href;
  } catch {
    return null;
  }
  const loader = `import(${JSON.stringify(api)}).then((tsx) => tsx.tsImport(${JSON.stringify(ts.href)}, ${JSON.stringify(base)}));`;
  return { script: loader, eval: true };
}
