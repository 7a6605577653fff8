#!/usr/bin/env node
// The service's entry point as a bundle (`npm run build` runs it after tsc): replaces tsc's
// dist/src/main.js with esbuild's bundle of it and of everything it imports, so that `npm start` and the
// image's CMD load about ten files instead of ~1,700 (node's module loader, resolving, reading and compiling
// each file, was most of the start-up: README, Performance). The rest of dist/ stays as tsc wrote it: the CLI
// (dist/src/cli.js), the parse and build workers (dist/src/knowledge/parse-worker.js,
// dist/src/core/notes-sync/build-worker.js, started by file) and the knowledge folder whose code hash marks
// the index's format.
//
// - Each module keeps its own `import.meta.url`: it is rewritten to the URL of the module's file in
//   dist/src, so PROJECT_ROOT (core/config), the index's code hash (knowledge/index-store) and the workers'
//   paths (knowledge/parse-notes, core/notes-sync/rebuild) are what they are unbundled. That is why every output file sits
//   in dist/src itself (the entry and its chunks, `main-*.js`): the rewrite is relative to it.
// - Native addons and optional native dependencies stay external (loaded from node_modules), and so does
//   pino, whose transports start worker threads by file path.
// - Each dynamic import (a platform's adapter, PostgreSQL, the language model, lazily loaded parsers) stays
//   a chunk of its own, loaded only when used.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const OUT = path.join(ROOT, "dist", "src");
const MAIN = path.join(OUT, "main.js");
/** Written first, then renamed over tsc's main.js: no moment without a main.js that runs. */
const BUNDLED = path.join(OUT, "main.bundle.js");
/** What went where (esbuild's metafile): bench/startup.ts finds the platforms' chunks in it. */
const META = path.join(ROOT, "dist", "main.meta.json");
const MARK = "// notes-tutor: bundled by scripts/bundle-service.mjs";
/** The chunks of a bundle and their maps: main-<name>-<hash>.js (esbuild's hash: 8 characters, A-Z, 2-7). */
const CHUNK = /^main-[\w-]+-[A-Z2-7]{8}\.js(\.map)?$/;

/** Loaded from node_modules at run time, not bundled. */
const EXTERNAL = [
  // native addons, and optional native speed-ups that may be absent
  "better-sqlite3",
  "bufferutil",
  "utf-8-validate",
  "zlib-sync",
  "pg-native",
  // transports (pino-pretty) run in worker threads started by file path
  "pino",
  "pino-pretty",
];

if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run tsc -p tsconfig.build.json first`);
if (fs.readFileSync(MAIN, "utf8").startsWith(MARK)) {
  // Already a bundle: tsc has not run since (it rewrites main.js on every build).
  process.stdout.write("dist/src/main.js is already bundled; run tsc first to rebuild it\n");
  process.exit(0);
}

/** Rewrites `import.meta.url` in each module of dist/src to its own file's URL (see the header). */
const ownUrls = {
  name: "own-import-meta-url",
  setup(build) {
    build.onLoad({ filter: /\.js$/ }, (args) => {
      if (!args.path.startsWith(OUT + path.sep) || args.path === MAIN) return undefined;
      const contents = fs.readFileSync(args.path, "utf8");
      if (!contents.includes("import.meta.url")) return { contents, loader: "js" };
      const own = path.relative(OUT, args.path).split(path.sep).join("/");
      const url = `new URL(${JSON.stringify(`./${own}`)}, import.meta.url).href`;
      return { contents: contents.replaceAll("import.meta.url", url), loader: "js" };
    });
  },
};

const result = await esbuild.build({
  absWorkingDir: ROOT,
  entryPoints: { "main.bundle": MAIN },
  outdir: OUT,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  chunkNames: "main-[name]-[hash]",
  external: EXTERNAL,
  plugins: [ownUrls],
  // CommonJS packages inside an ES module bundle call require(): give them node's.
  banner: {
    js: `${MARK}\nimport { createRequire as __bundleRequire } from "node:module";\nconst require = __bundleRequire(import.meta.url);`,
  },
  // Whitespace and syntax only (names stay, so stack traces still name functions): the sources V8 keeps a
  // third smaller, and the heap after loading 40 → 30 MB. Linked maps lead back to the TypeScript
  // (node --enable-source-maps), through tsc's own maps.
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: "linked",
  sourcesContent: false,
  metafile: true,
  logLevel: "warning",
});
fs.renameSync(`${BUNDLED}.map`, `${MAIN}.map`);
const bundled = fs.readFileSync(BUNDLED, "utf8");
const mapComment = `//# sourceMappingURL=${path.basename(BUNDLED)}.map`;
if (!bundled.includes(mapComment)) throw new Error(`${BUNDLED} has no ${mapComment}`);
fs.writeFileSync(BUNDLED, bundled.replace(mapComment, `//# sourceMappingURL=${path.basename(MAIN)}.map`));
fs.renameSync(BUNDLED, MAIN);
fs.writeFileSync(META, JSON.stringify(result.metafile));
// The chunks of earlier builds, once the new ones are in place.
const written = new Set(Object.keys(result.metafile.outputs).map((f) => path.basename(f)));
for (const f of fs.readdirSync(OUT)) if (CHUNK.test(f) && !written.has(f)) fs.rmSync(path.join(OUT, f));
