import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** A note whose answer says which version of the notes it came from (`alpha`, `beta`, …). */
export function widgetNote(mode: string): string {
  return `# Widgets\n\n## Frobnicate a widget\n\nTo frobnicate a widget, run \`widget frob --${mode}\`. The ${mode} mode frobnicates it.\n`;
}

/** A note whose front matter cannot be read: a parse finding, so the build that holds it is refused. */
export const BROKEN_NOTE = "---\ntitle: [never closed\ntags: {a: 1\n---\n# Broken\n\nText.\n";

export const QUESTION = "how do I frobnicate a widget";

const GIT_ID = [
  "-c",
  "user.name=Notes Author",
  "-c",
  "user.email=author@example.com",
  "-c",
  "commit.gpgsign=false",
];

export function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", [...GIT_ID, ...args], {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** A bare repository on disk (reached by a file:// URL) and a working copy that pushes to it. */
export function notesRepository(
  root: string,
  files: Record<string, string>,
): { url: string; push: (files: Record<string, string>, message: string) => void } {
  const bare = path.join(root, "notes.git");
  const work = path.join(root, "author");
  execFileSync("git", ["init", "--quiet", "--bare", "--initial-branch=main", bare]);
  execFileSync("git", ["init", "--quiet", "--initial-branch=main", work]);
  git(work, "remote", "add", "origin", bare);
  const push = (next: Record<string, string>, message: string) => {
    for (const [name, text] of Object.entries(next)) fs.writeFileSync(path.join(work, name), text);
    git(work, "add", "--all");
    git(work, "commit", "--quiet", "-m", message);
    git(work, "push", "--quiet", "origin", "main");
  };
  push(files, "first notes");
  return { url: `file://${bare}`, push };
}
