// The floor of `npm run bench:service`: the least a Slack and Discord bot can be on the frameworks the service
// uses. One process, like the service: a Bolt 5 app (HTTPReceiver's listener on a node:http server on
// 127.0.0.1, a slash command acked, then answered "ok" through its response_url) and a discord.js 14 client
// (a slash command answered "ok" in its interaction callback). No notes, no database, no logging.
// Configured by environment (SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_API_URL, DISCORD_TOKEN,
// DISCORD_API_URL); prints one JSON line `{"port": N}` on stdout once both are connected. GET /stats answers
// the event loop's delay since the previous GET /stats, measured as the service's /metrics measures it, and
// the heap and external memory in use.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { App, HTTPReceiver, LogLevel } from "@slack/bolt";
import { Client, Events, GatewayIntentBits } from "discord.js";
import { z } from "zod";

const env = z
  .object({
    SLACK_BOT_TOKEN: z.string().min(1),
    SLACK_SIGNING_SECRET: z.string().min(1),
    SLACK_API_URL: z.url(),
    DISCORD_TOKEN: z.string().min(1),
    DISCORD_API_URL: z.url(),
  })
  .parse(process.env);

/** The fixed answer, on both platforms. */
const ANSWER = "ok";
/** Sampling interval of the delay histogram, in milliseconds: the service's (prom-client's default). */
const EVENT_LOOP_PRECISION_MS = 10;

const lag = monitorEventLoopDelay({ resolution: EVENT_LOOP_PRECISION_MS });
lag.enable();

const receiver = new HTTPReceiver({ signingSecret: env.SLACK_SIGNING_SECRET, endpoints: ["/slack/events"] });
const app = new App({
  token: env.SLACK_BOT_TOKEN,
  receiver,
  logLevel: LogLevel.ERROR,
  clientOptions: { slackApiUrl: env.SLACK_API_URL },
  deferInitialization: true,
});
app.command(/.*/, async ({ ack, respond }) => {
  await ack();
  await respond({ text: ANSWER });
});

const server = http.createServer((req, res) => {
  if (req.method === "GET" && req.url === "/stats") {
    const { heapUsed, external } = process.memoryUsage();
    const out = { p99_s: lag.percentile(99) / 1e9, max_s: lag.max / 1e9, heap_used: heapUsed, external };
    lag.reset();
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(out));
    return;
  }
  receiver.requestListener(req, res);
});

const discord = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: env.DISCORD_API_URL } });
discord.on(Events.InteractionCreate, (i) => {
  if (i.isChatInputCommand()) void i.reply({ content: ANSWER });
});

await app.init(); // auth.test, as the service's start does
const ready = new Promise<void>((resolve) => discord.once(Events.ClientReady, () => resolve()));
await discord.login(env.DISCORD_TOKEN);
await ready;
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);

process.once("SIGTERM", () => {
  server.close();
  void discord.destroy().then(() => process.exit(0));
});
