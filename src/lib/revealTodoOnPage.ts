/** A todo's row on the page now (wherever it is shown), if any. */
export function todoRowOnPage(id: string): HTMLElement | null {
  return (
    [...document.querySelectorAll<HTMLElement>("[data-todo-id]")].find(
      (element) => element.dataset.todoId === id,
    ) ?? null
  );
}

/**
 * After opening a todo's day: scroll to the todo and focus it once its row
 * is on the page (the day may still be loading), watching the page for it.
 * Gives up after a while, e.g. when the todo sits in a collapsed Done
 * section. The page's own timers (window.setTimeout): they end with the
 * page, and nothing looks for a row in a page that is gone.
 */
export function revealTodoOnPage(id: string, timeoutMs = 5_000) {
  const reveal = (row: HTMLElement) => {
    row.scrollIntoView({ block: "nearest" });
    row.querySelector<HTMLElement>('[data-control="text"]')?.focus();
  };
  // After the closing dialog has put focus back where it came from.
  window.setTimeout(() => {
    const row = todoRowOnPage(id);
    if (row) return reveal(row);
    const observer = new MutationObserver(() => {
      const shown = todoRowOnPage(id);
      if (!shown) return;
      observer.disconnect();
      window.clearTimeout(giveUp);
      reveal(shown);
    });
    observer.observe(document.body, { childList: true, subtree: true });
    const giveUp = window.setTimeout(() => observer.disconnect(), timeoutMs);
  }, 50);
}
