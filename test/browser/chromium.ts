// The system's Chromium (Debian's `chromium` package), for tests that drive a real browser with
// puppeteer-core. Nothing here downloads a browser: without one installed the tests say so and skip,
// except in CI, where .ci/run installs it.
import fs from "node:fs";

/** Where distributions put Chromium; CHROMIUM_PATH first when set. */
const CANDIDATES = [
  process.env.CHROMIUM_PATH,
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
].filter((p): p is string => Boolean(p));

export const CHROMIUM = CANDIDATES.find((p) => fs.existsSync(p));

/** Flags for a headless Chromium in a container: no sandbox as root (the tests open only 127.0.0.1). */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-dev-shm-usage",
  "--disable-gpu",
  "--no-first-run",
  "--no-default-browser-check",
];
