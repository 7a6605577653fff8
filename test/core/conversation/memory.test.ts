/** A conversation's memory is bounded: its last few turns, for a while, for a bounded number of conversations. */
import { describe, expect, it } from "vitest";
import { ConversationMemory, MAX_TURNS, TURN_TTL_MS } from "../../../src/core/conversation/memory.js";

const place = (threadId: string) => ({ platform: "slack", workspaceId: "T1", channelId: "C1", threadId });

describe("ConversationMemory", () => {
  it("keeps the last few turns of a conversation, oldest first", () => {
    const memory = new ConversationMemory(() => 0);
    for (let i = 0; i < MAX_TURNS + 3; i++) memory.record(place("t"), `q${i}`, `q${i}`);
    const turns = memory.turns(place("t"));
    expect(turns.map((t) => t.question)).toEqual(Array.from({ length: MAX_TURNS }, (_, i) => `q${i + 3}`));
    expect(memory.turns(place("other"))).toEqual([]);
    expect(memory.active(place("t"))).toBe(true);
  });

  it("forgets a conversation idle past the expiry", () => {
    let now = 0;
    const memory = new ConversationMemory(() => now);
    memory.record(place("t"), "What is a ReplicaSet?", "What is a ReplicaSet?");
    now += TURN_TTL_MS;
    expect(memory.active(place("t"))).toBe(true);
    now += 1;
    expect(memory.turns(place("t"))).toEqual([]);
    expect(memory.size).toBe(0);
  });

  it("drops the least recently used conversation past its bound", () => {
    const memory = new ConversationMemory(() => 0, { turns: 5, ttlMs: 1000, conversations: 2 });
    memory.record(place("a"), "a", "a");
    memory.record(place("b"), "b", "b");
    memory.record(place("a"), "a2", "a2");
    memory.record(place("c"), "c", "c");
    expect(memory.size).toBe(2);
    expect(memory.active(place("b"))).toBe(false);
    expect(memory.turns(place("a")).map((t) => t.question)).toEqual(["a", "a2"]);
  });
});
