/** Runs async work one piece at a time, in the order it was asked for. */
export class AsyncLock {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    // A failure belongs to its caller; it must not stall the queue.
    this.tail = result.catch(() => undefined);
    return result;
  }
}
