import { type AnyCommand, isGroup } from "./types.js";

/** Does running (or even listing) this command path need an admin? True when any level is marked admin. */
export function requiresAdmin(commands: readonly AnyCommand[], path: readonly string[]): boolean {
  let list: readonly AnyCommand[] = commands;
  for (const name of path) {
    const c = list.find((x) => x.name === name);
    if (!c) return false;
    if (c.admin) return true;
    list = isGroup(c) ? c.subcommands : [];
  }
  return false;
}
