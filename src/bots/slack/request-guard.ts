import type { IncomingMessage } from "node:http";
import { defaultBodyLimit, isValidSlackRequest } from "@slack/bolt";
import { z } from "zod";

/**
 * Slack signs `v0:<timestamp>:<body>` and says to refuse a timestamp more than five minutes from the
 * server's clock. Bolt refuses only old ones; a request dated in the future is as replayable, so both
 * directions are refused here.
 */
export const SLACK_TIMESTAMP_WINDOW_SEC = 5 * 60;

/** Bolt's own limit for a request body (its HTTPReceiver default); a bigger body is refused with 413. */
export const SLACK_BODY_LIMIT_BYTES: number = defaultBodyLimit;

/**
 * At most this many signatures are remembered; past it the oldest are forgotten first. A signature only
 * needs remembering for the timestamp window (an older one is refused anyway), and Slack sends far fewer
 * requests than this to one app in five minutes.
 */
export const SEEN_SIGNATURES_MAX = 100_000;

/** Slack retries an event three times: after about a minute, five minutes and thirty minutes. */
export const EVENT_RETRY_SPAN_SEC = 60 * 60;

/** What the guard decided about one request. */
export type GuardVerdict =
  | { kind: "pass"; rawBody: Buffer }
  | { kind: "duplicate" }
  | { kind: "reject"; status: 401 | 413 | 400 };

/**
 * Remembers what was already handled: signatures (the same signed request delivered again, by a replay
 * or a proxy) and Events API event ids (Slack's own retries, `X-Slack-Retry-Num`, which are signed anew).
 * Each key is kept until its request's timestamp leaves the window.
 */
export class SeenRequests {
  private readonly expiries = new Map<string, number>();

  constructor(private readonly max = SEEN_SIGNATURES_MAX) {}

  /** Records `key` until `untilSec`; false when it was already recorded and not expired. */
  firstTime(key: string, untilSec: number, nowSec: number): boolean {
    const known = this.expiries.get(key);
    if (known !== undefined && known >= nowSec) return false;
    this.expiries.delete(key);
    this.expiries.set(key, untilSec);
    this.prune(nowSec);
    return true;
  }

  get size(): number {
    return this.expiries.size;
  }

  /** Drops expired keys from the oldest end (a Map iterates in insertion order), then any over the bound. */
  private prune(nowSec: number): void {
    for (const [key, until] of this.expiries) {
      if (until >= nowSec && this.expiries.size <= this.max) break;
      this.expiries.delete(key);
    }
  }
}

const eventEnvelope = z.object({ type: z.literal("event_callback"), event_id: z.string().min(1) });

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return typeof v === "string" ? v : undefined;
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | "too-large"> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    let ended = false;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > limit) over = true;
      else chunks.push(c);
    });
    req.on("end", () => {
      ended = true;
      resolve(over ? "too-large" : Buffer.concat(chunks));
    });
    req.on("error", reject);
    req.on("close", () => {
      if (!ended) reject(new Error("request aborted before its body ended"));
    });
  });
}

function eventIdOf(rawBody: Buffer, contentType: string | undefined): string | undefined {
  if (!contentType?.startsWith("application/json")) return undefined;
  try {
    const parsed = eventEnvelope.safeParse(JSON.parse(rawBody.toString("utf8")));
    return parsed.success ? parsed.data.event_id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads a request to the Slack endpoint and decides before Bolt sees it: a bad or missing signature or a
 * timestamp outside the window either way is 401; a request already handled is a duplicate (answered with
 * an empty 200, so Slack stops retrying, and not run again). Only a verified request is remembered, so a
 * forged one cannot make a genuine one look like a duplicate.
 */
export async function guardSlackRequest(
  req: IncomingMessage,
  options: { signingSecret: string; seen: SeenRequests; nowMs?: number },
): Promise<GuardVerdict> {
  const body = await readBody(req, SLACK_BODY_LIMIT_BYTES);
  if (body === "too-large") return { kind: "reject", status: 413 };
  const contentType = header(req, "content-type");
  // Slack's ssl_check carries no signature; Bolt answers it and strips anything else from its body.
  if (
    contentType === "application/x-www-form-urlencoded" &&
    /(?:^|&)ssl_check=1(?:&|$)/.test(body.toString())
  )
    return { kind: "pass", rawBody: body };
  const signature = header(req, "x-slack-signature");
  const timestamp = header(req, "x-slack-request-timestamp");
  if (!signature || !timestamp || !/^\d{1,12}$/.test(timestamp)) return { kind: "reject", status: 401 };
  const nowMs = options.nowMs ?? Date.now();
  const nowSec = Math.floor(nowMs / 1000);
  const ts = Number(timestamp);
  if (Math.abs(nowSec - ts) > SLACK_TIMESTAMP_WINDOW_SEC) return { kind: "reject", status: 401 };
  const valid = isValidSlackRequest({
    signingSecret: options.signingSecret,
    body: body.toString("utf8"),
    headers: { "x-slack-signature": signature, "x-slack-request-timestamp": ts },
    nowMilliseconds: nowMs,
  });
  if (!valid) return { kind: "reject", status: 401 };
  const until = ts + SLACK_TIMESTAMP_WINDOW_SEC;
  if (!options.seen.firstTime(`sig:${signature}`, until, nowSec)) return { kind: "duplicate" };
  const eventId = eventIdOf(body, contentType);
  // A retried event is signed again with a new timestamp; its event id is what stays the same. Slack
  // retries for up to about an hour, so the id is remembered that long (Slack's retry schedule).
  if (eventId && !options.seen.firstTime(`event:${eventId}`, nowSec + EVENT_RETRY_SPAN_SEC, nowSec))
    return { kind: "duplicate" };
  return { kind: "pass", rawBody: body };
}
