// How the image and `npm start` run the service, so that bench:service measures what ships. The Dockerfile's
// CMD and ENV and package.json's start script say the same (test/bench/shipped.test.ts checks it); why each
// setting is there is written in the Dockerfile.

/** Node's flags before the entry point. */
export const SHIPPED_NODE_ARGS = ["--max-semi-space-size=1", "--heap-growing-percent=50"] as const;

/** The environment the image sets for the allocator. */
export const SHIPPED_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: "2" };
