/** An error whose message is meant for the person who typed the command (shown as-is, not logged as a failure). */
export class UserError extends Error {}
