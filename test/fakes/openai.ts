/**
 * A fake OpenAI-compatible API on 127.0.0.1, for testing the optional language model through the real
 * `openai` client: `new OpenAI({ baseURL: fake.baseURL, … })`.
 *
 * It serves `POST /v1/chat/completions` with the real response shape (`chat.completion` object, choices,
 * usage), checks what the real API checks (JSON body, `model`, non-empty `messages`, the bearer key when
 * one is set), and records every request with its headers and parsed body. Knobs, settable between
 * requests: the reply text (or a function of the request), a delay, an HTTP error status, a malformed body.
 * Independent of the project's own code.
 */
import { randomBytes } from "node:crypto";
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";

/** One chat message as sent by the client (text content, or content parts). */
export interface FakeChatMessage {
  role: string;
  content: string | { type: string; text?: string }[] | null;
}

/** The body of a chat completion request, as far as the fake reads it. */
export interface FakeChatRequestBody {
  model?: unknown;
  messages?: FakeChatMessage[];
  stream?: unknown;
  [key: string]: unknown;
}

/** One recorded request to the fake. */
export interface FakeChatRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** `Authorization: Bearer <key>`'s key, if any. */
  apiKey: string | undefined;
  /** The parsed JSON body (empty when it did not parse). */
  body: FakeChatRequestBody;
  /** The HTTP status the fake answered (or would have, had the client waited). */
  status: number;
  /** The client went away before the answer was sent (aborted, timed out). */
  aborted: boolean;
  at: number;
}

export type FakeReply = string | null | ((request: FakeChatRequest) => string | null);

export interface FakeOpenAIOptions {
  /** The assistant's text (null: `content: null`), or a function of the request. Default: a fixed sentence. */
  reply?: FakeReply;
  /** Milliseconds to wait before answering. */
  delayMs?: number;
  /** Answer with this HTTP error status (and an OpenAI-style error body) instead. */
  status?: number;
  /** Answer 200 with a truncated, unparseable JSON body. */
  malformed?: boolean;
  /** When set, requests without `Authorization: Bearer <apiKey>` get 401, as from the real API. */
  apiKey?: string;
}

export const DEFAULT_FAKE_REPLY = "This is the fake model's answer [1].";

/** The text of a message's content, whether a string or content parts. */
export function textOf(message: FakeChatMessage | undefined): string {
  const content = message?.content;
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((p) => p.text ?? "").join("");
  return "";
}

export class FakeOpenAI {
  readonly requests: FakeChatRequest[] = [];
  reply: FakeReply;
  delayMs: number;
  status: number | undefined;
  malformed: boolean;
  apiKey: string | undefined;
  private server: Server | undefined;
  private port = 0;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(options: FakeOpenAIOptions = {}) {
    this.reply = options.reply === undefined ? DEFAULT_FAKE_REPLY : options.reply;
    this.delayMs = options.delayMs ?? 0;
    this.status = options.status;
    this.malformed = options.malformed ?? false;
    this.apiKey = options.apiKey;
  }

  static async start(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
    const fake = new FakeOpenAI(options);
    await fake.start();
    return fake;
  }

  /** `http://127.0.0.1:<port>/v1`, as the client's `baseURL`. */
  get baseURL(): string {
    if (!this.server) throw new Error("the fake OpenAI server is not started");
    return `http://127.0.0.1:${this.port}/v1`;
  }

  /** The chat completion requests (not other paths). */
  get completions(): FakeChatRequest[] {
    return this.requests.filter((r) => r.path === "/v1/chat/completions");
  }

  /** Forgets recorded requests and puts the knobs back to the defaults. */
  reset(options: FakeOpenAIOptions = {}): void {
    this.requests.length = 0;
    this.reply = options.reply === undefined ? DEFAULT_FAKE_REPLY : options.reply;
    this.delayMs = options.delayMs ?? 0;
    this.status = options.status;
    this.malformed = options.malformed ?? false;
    this.apiKey = options.apiKey;
  }

  async start(): Promise<void> {
    if (this.server) return;
    const server = createServer((req, res) => {
      this.handle(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
        else res.destroy();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  /** Stops at once: pending delayed answers are dropped and open connections closed. */
  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const auth = req.headers.authorization;
    const record: FakeChatRequest = {
      method: req.method ?? "GET",
      path,
      headers: req.headers,
      apiKey: auth?.startsWith("Bearer ") ? auth.slice("Bearer ".length) : undefined,
      body: {},
      status: 200,
      aborted: false,
      at: Date.now(),
    };
    this.requests.push(record);
    res.on("close", () => {
      if (!res.writableFinished) record.aborted = true;
    });

    const fail = (status: number, message: string, type: string, code: string | null = null) => {
      record.status = status;
      sendJson(res, status, { error: { message, type, param: null, code } });
    };

    if (path !== "/v1/chat/completions") return fail(404, `Unknown path ${path}`, "invalid_request_error");
    if (record.method !== "POST") return fail(405, "Use POST", "invalid_request_error");
    if (this.apiKey !== undefined && record.apiKey !== this.apiKey) {
      return fail(401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key");
    }
    const body = parseJson(raw);
    if (!body) return fail(400, "We could not parse the JSON body of your request.", "invalid_request_error");
    record.body = body;
    if (typeof body.model !== "string" || body.model === "") {
      return fail(400, "you must provide a model parameter", "invalid_request_error");
    }
    if (!Array.isArray(body.messages) || body.messages.length === 0) {
      return fail(400, "'messages' must contain at least one message", "invalid_request_error");
    }
    if (body.stream === true) return fail(400, "the fake does not stream", "invalid_request_error");

    const status = this.status;
    const malformed = this.malformed;
    const text = typeof this.reply === "function" ? this.reply(record) : this.reply;
    const answer = () => {
      if (res.destroyed) return;
      if (status !== undefined && status >= 400) {
        return fail(status, "The server had an error while processing your request.", "server_error");
      }
      if (malformed) {
        res.writeHead(200, { "content-type": "application/json" });
        res.end('{"id":"chatcmpl-broken","object":"chat.completion","choices":[{"index":0,"mess');
        return;
      }
      sendJson(res, 200, completion(String(body.model), body.messages ?? [], text));
    };
    if (this.delayMs <= 0) return answer();
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      answer();
    }, this.delayMs);
    this.timers.add(timer);
    res.on("close", () => {
      clearTimeout(timer);
      this.timers.delete(timer);
    });
  }
}

/** A chat completion response, shaped as the real API's. */
function completion(model: string, messages: FakeChatMessage[], text: string | null) {
  const promptTokens = Math.ceil(messages.map(textOf).join("").length / 4);
  const completionTokens = Math.ceil((text ?? "").length / 4);
  return {
    id: `chatcmpl-${randomBytes(12).toString("hex")}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: text, refusal: null, annotations: [] },
        logprobs: null,
        finish_reason: "stop",
      },
    ],
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
    },
    system_fingerprint: "fp_fake",
  };
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
    "x-request-id": `req_${randomBytes(8).toString("hex")}`,
  });
  res.end(body);
}

function parseJson(raw: string): FakeChatRequestBody | null {
  try {
    const value: unknown = JSON.parse(raw);
    return value !== null && typeof value === "object" && !Array.isArray(value)
      ? (value as FakeChatRequestBody)
      : null;
  } catch {
    return null;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
