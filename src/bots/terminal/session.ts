import os from "node:os";
import type { Invocation } from "../../core/commands/types.js";
import type { Locale } from "../../core/i18n.js";

/** The terminal user: one local person, who is admin of their own machine. */
export function terminalInvocation(locale: Locale): Invocation {
  return {
    platform: "terminal",
    workspaceId: "local",
    channelId: "terminal",
    userId: os.userInfo().username || "me",
    userName: os.userInfo().username || "me",
    locale,
    isAdmin: true,
  };
}
