// The closed-loop load of `npm run bench:service`: how many commands are in flight, what counts as
// answered or failed, and the per-process readings (CPU time, RSS) it divides by the commands.
import { describe, expect, it } from "vitest";
import { closedLoop, cpuMs, rssMb } from "../../bench/lib/platform-load.js";

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("closedLoop", () => {
  it("sends every command once, never more than `concurrency` at a time", async () => {
    let inFlight = 0;
    let most = 0;
    const seen: number[] = [];
    const run = await closedLoop(40, 5, async (i) => {
      inFlight++;
      most = Math.max(most, inFlight);
      seen.push(i);
      await tick(2);
      inFlight--;
    });
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(most).toBe(5);
    expect(run.latMs).toHaveLength(40);
    expect(Math.min(...run.latMs)).toBeGreaterThanOrEqual(1);
    expect(run.perSec).toBeCloseTo((1000 * 40) / run.elapsedMs, 6);
  });

  it("one at a time waits for each answer before the next command", async () => {
    const order: string[] = [];
    await closedLoop(3, 1, async (i) => {
      order.push(`send ${i}`);
      await tick(1);
      order.push(`answer ${i}`);
    });
    expect(order).toEqual(["send 0", "answer 0", "send 1", "answer 1", "send 2", "answer 2"]);
  });

  it("counts a command that fails by its reason, and leaves it out of the latencies and the rate", async () => {
    const run = await closedLoop(6, 2, async (i) => {
      if (i % 3 === 0) throw new Error("ack 503");
    });
    expect(run.failed).toEqual({ "ack 503": 2 });
    expect(run.latMs).toHaveLength(4);
    expect(run.perSec).toBeCloseTo((1000 * 4) / run.elapsedMs, 6);
  });
});

describe.runIf(process.platform === "linux")("process readings", () => {
  it("CPU time grows with work done and RSS is this process's", async () => {
    const before = await cpuMs(process.pid);
    const until = performance.now() + 60;
    let x = 0;
    while (performance.now() < until) x += Math.sqrt(x + 1);
    expect(x).toBeGreaterThan(0);
    const after = await cpuMs(process.pid);
    // /proc counts in 10 ms ticks: 60 ms of busy work shows as at least 30.
    expect(after - before).toBeGreaterThanOrEqual(30);
    const rss = await rssMb(process.pid);
    expect(rss).toBeGreaterThan(10);
    expect(rss).toBeLessThan(process.memoryUsage().rss / 1024 / 1024 + 50);
  });
});
