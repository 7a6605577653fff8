import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { z } from "zod";

const run = promisify(execFile);

/** A clone or fetch that takes longer than this is given up (a stuck network), and tried again next time. */
export const GIT_TIMEOUT_MS = 120_000;

/** Git must never wait for a password on a terminal nobody watches. */
/** git never prompts (no terminal to answer it); read when git runs, so the PATH is the current one. */
const gitEnv = () => ({ ...process.env, GIT_TERMINAL_PROMPT: "0", GIT_ASKPASS: "echo" });

/** `TUTOR_NOTES_GIT`: a repository URL, optionally followed by `#branch` (default `main`). */
export interface GitSource {
  url: string;
  branch: string;
}

const branchName = z
  .string()
  .regex(/^[\w][\w./-]{0,199}$/, "must be a branch name (letters, digits, . _ / -)")
  .refine((b) => !b.includes(".."), "must be a branch name");

/** Reads `URL#branch`; null for an empty value. Throws with the reason for a value that is not one. */
export function parseGitSource(value: string | undefined): GitSource | null {
  const text = value?.trim() ?? "";
  if (!text) return null;
  const hash = text.lastIndexOf("#");
  const url = hash > 0 ? text.slice(0, hash) : text;
  const branch = hash > 0 ? text.slice(hash + 1) : "main";
  if (!/^(https?|ssh|git|file):\/\/\S+$|^[\w.-]+@[\w.-]+:\S+$/.test(url))
    throw new Error(
      "must be a repository URL (https://, ssh://, git@host:path or file://), optionally #branch",
    );
  if (url.startsWith("-")) throw new Error("must be a repository URL");
  const parsed = branchName.safeParse(branch);
  if (!parsed.success) throw new Error(`branch ${parsed.error.issues[0]?.message ?? "is invalid"}`);
  return { url, branch: parsed.data };
}

function isClone(dir: string): boolean {
  return fs.existsSync(path.join(dir, ".git"));
}

/**
 * Makes sure `dir` holds a clone of the source's branch, at start-up (the first index needs the notes):
 * clones it when missing, else leaves it as it is (the first pull brings it up to date).
 */
export function ensureCloneSync(source: GitSource, dir: string): void {
  if (isClone(dir)) return;
  fs.mkdirSync(path.dirname(path.resolve(dir)), { recursive: true });
  execFileSync(
    "git",
    ["clone", "--quiet", "--single-branch", "--branch", source.branch, "--", source.url, dir],
    {
      env: gitEnv(),
      timeout: GIT_TIMEOUT_MS,
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
}

/**
 * Fetches the branch and moves the clone to it (the clone is the bot's own copy: nobody edits it, so it
 * follows the remote exactly, force-pushes included). Returns the new commit, or null when nothing changed.
 */
export async function pullNotes(source: GitSource, dir: string): Promise<string | null> {
  const git = (args: string[]) =>
    run("git", ["-C", dir, ...args], { env: gitEnv(), timeout: GIT_TIMEOUT_MS }).then((r) => r.stdout.trim());
  await git(["fetch", "--quiet", "origin", "--", source.branch]);
  const head = await git(["rev-parse", "HEAD"]);
  const fetched = await git(["rev-parse", "FETCH_HEAD"]);
  if (head === fetched) return null;
  await git(["reset", "--quiet", "--hard", fetched]);
  return fetched;
}
