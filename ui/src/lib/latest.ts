// "Latest answer wins": the UI often asks the backend again before the last
// answer came back (typing in a search box, switching articles). An older
// answer arriving late must not overwrite a newer one. This is the one place
// that rule is written; components and stores hold one `Latest` per question.

export class Latest {
  #round = 0;

  /** Starts a new round. The returned check stays true until another round
   *  starts or `cancel()` is called. */
  begin(): () => boolean {
    const mine = ++this.#round;
    return () => mine === this.#round;
  }

  /** No answer in flight is current any more (the question went away). */
  cancel(): void {
    this.#round++;
  }

  /** Asks, and hands the answer to `use` only if it is still the latest.
   *  Returns whether it was used. A failure of a stale round is dropped; a
   *  failure of the current round is thrown to the caller. */
  async run<T>(ask: () => Promise<T>, use: (answer: T) => void): Promise<boolean> {
    const current = this.begin();
    let answer: T;
    try {
      answer = await ask();
    } catch (e) {
      if (current()) throw e;
      return false;
    }
    if (!current()) return false;
    use(answer);
    return true;
  }
}

export function latest(): Latest {
  return new Latest();
}
