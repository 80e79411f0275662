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
 * is on the page (the day may still be loading). Gives up after a while,
 * e.g. when the todo sits in a collapsed Done section.
 */
export function revealTodoOnPage(id: string, timeoutMs = 5_000) {
  const started = Date.now();
  const attempt = () => {
    const row = todoRowOnPage(id);
    if (row) {
      row.scrollIntoView({ block: "nearest" });
      row.querySelector<HTMLElement>('[data-control="text"]')?.focus();
      return;
    }
    if (Date.now() - started < timeoutMs) setTimeout(attempt, 50);
  };
  // After the closing dialog has put focus back where it came from.
  setTimeout(attempt, 50);
}
