import { type Card, createEmptyCard, fsrs, type Grade, Rating } from "ts-fsrs";
import type { Person, ReviewStore, StoredCard } from "../storage/stores.js";

const scheduler = fsrs({ enable_fuzz: false });

function parseCard(stored: StoredCard | undefined, now: Date): Card {
  if (!stored) return createEmptyCard(now);
  const c = JSON.parse(stored.json) as Card & { due: string; last_review?: string };
  return {
    ...c,
    due: new Date(c.due),
    ...(c.last_review ? { last_review: new Date(c.last_review) } : {}),
  } as Card;
}

/**
 * The card after an answer (FSRS, ts-fsrs): a wrong answer comes back within minutes, a right one later
 * and later. Pure, so the store can run it inside the transaction that records the answer.
 */
export function nextCard(previous: StoredCard | undefined, correct: boolean, now: Date): StoredCard {
  const grade: Grade = correct ? Rating.Good : Rating.Again;
  const next = scheduler.next(parseCard(previous, now), now, grade).card;
  return { json: JSON.stringify(next), dueAt: next.due.toISOString() };
}

/** Spaced repetition: one card per person and question, written with each answer (`Quiz.answer`). */
export class Repetition {
  constructor(private readonly reviews: ReviewStore) {}

  /** Questions due for this person now, most overdue first. */
  due(who: Person, now: Date): Promise<string[]> {
    return this.reviews.due(who, now);
  }

  nextDue(who: Person): Promise<Date | null> {
    return this.reviews.nextDue(who);
  }

  count(who: Person): Promise<number> {
    return this.reviews.count(who);
  }
}
