import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { DashboardWorkspace } from "../../core/dashboard/reader.js";

/** A link from `/tutor dashboard` opens the page within this long; then it is refused. */
export const LINK_TTL_MS = 15 * 60_000;
/** The session cookie a link is exchanged for lasts this long: a working day, for a read-only page. */
export const SESSION_TTL_MS = 12 * 60 * 60_000;
/** Random bytes of a link's nonce: 128 bits, so two links never share one and none can be guessed. */
const NONCE_BYTES = 16;

/** A link (one use, from chat) or a session (the cookie it was exchanged for): never one for the other. */
export type TokenKind = "link" | "session";

export interface VerifiedToken {
  kind: TokenKind;
  expiresAt: number;
  nonce: string;
}

export type TokenRefusal = "malformed" | "signature" | "expired";

/**
 * A token is `<expiry, base 36>.<nonce, hex>.<HMAC-SHA256, hex>`: only [0-9a-z.], so no chat surface
 * rewrites it. The MAC covers the kind, the platform and the workspace as well, which travel in the
 * page's path: a token shown on another workspace's path, or for the other kind, fails the MAC.
 */
const TOKEN = /^([0-9a-z]{1,12})\.([0-9a-f]{32})\.([0-9a-f]{64})$/;

export class DashboardTokens {
  private readonly key: Buffer;

  constructor(
    secret: string,
    private readonly now: () => number = Date.now,
  ) {
    this.key = Buffer.from(secret, "utf8");
  }

  private mac(kind: TokenKind, ws: DashboardWorkspace, expiresAt: number, nonce: string): Buffer {
    // Lengths first, so no two different inputs read the same (a platform "a:b" and a workspace "c").
    const fields = [kind, ws.platform, ws.workspaceId, String(expiresAt), nonce];
    const message = fields.map((f) => `${f.length}:${f}`).join("|");
    return createHmac("sha256", this.key).update(message).digest();
  }

  sign(kind: TokenKind, ws: DashboardWorkspace, ttlMs: number): { token: string; expiresAt: number } {
    const expiresAt = this.now() + ttlMs;
    const nonce = randomBytes(NONCE_BYTES).toString("hex");
    const mac = this.mac(kind, ws, expiresAt, nonce).toString("hex");
    return { token: `${expiresAt.toString(36)}.${nonce}.${mac}`, expiresAt };
  }

  /** The token's claims when it is a valid, unexpired token of this kind for this workspace. */
  verify(
    token: string,
    kind: TokenKind,
    ws: DashboardWorkspace,
  ): { ok: true; token: VerifiedToken } | { ok: false; reason: TokenRefusal } {
    const m = TOKEN.exec(token);
    if (!m) return { ok: false, reason: "malformed" };
    const [, exp36 = "", nonce = "", macHex = ""] = m;
    const expiresAt = Number.parseInt(exp36, 36);
    if (!Number.isSafeInteger(expiresAt)) return { ok: false, reason: "malformed" };
    const expected = this.mac(kind, ws, expiresAt, nonce);
    const given = Buffer.from(macHex, "hex");
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return { ok: false, reason: "signature" };
    if (this.now() >= expiresAt) return { ok: false, reason: "expired" };
    return { ok: true, token: { kind, expiresAt, nonce } };
  }
}

/** The nonces of links already exchanged, until they expire: a link opens one session, once. */
export class UsedLinks {
  private readonly used = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** True the first time a nonce is seen (and records it); false ever after, until it expires. */
  claim(nonce: string, expiresAt: number): boolean {
    const now = this.now();
    for (const [n, exp] of this.used) if (exp <= now) this.used.delete(n);
    if (this.used.has(nonce)) return false;
    this.used.set(nonce, expiresAt);
    return true;
  }

  get size(): number {
    return this.used.size;
  }
}
