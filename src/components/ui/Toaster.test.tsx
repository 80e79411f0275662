import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { expect, test, vi } from "vitest";
import { toast } from "@/lib/toast";
import { Toaster } from "./Toaster";

// First in the file, whose modules are fresh: sonner is not loaded yet.
test("sonner's live region is on the page, empty, before the first toast's text arrives in it, so a screen reader announces that text", async () => {
  const regionsOnArrival: string[] = [];
  const watcher = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node instanceof HTMLElement && node.matches("[aria-live]")) {
          regionsOnArrival.push(node.textContent ?? "");
        }
      }
    }
  });
  watcher.observe(document.body, { childList: true, subtree: true });
  render(<Toaster theme="light" />);
  expect(document.querySelector("[aria-live]")).toBeNull();

  toast.message("Moved “Water plants” to today");

  // Sonner fades a toast in (opacity 0 until an effect marks it mounted),
  // so its text is in the page a moment before it is visible.
  await waitFor(() =>
    expect(screen.getByText("Moved “Water plants” to today")).toBeVisible(),
  );
  watcher.disconnect();
  expect(regionsOnArrival).toEqual([""]);
});

test("a toast's Undo, inside the Notifications region, works on its first click", async () => {
  render(<Toaster theme="light" />);

  const undo = vi.fn();
  toast.message("Deleted “Buy milk”", {
    action: { label: "Undo", onClick: undo },
  });

  const button = await screen.findByRole("button", { name: "Undo" });
  expect(
    screen.getByRole("region", { name: /Notifications/ }),
  ).toContainElement(button);
  await waitFor(() =>
    expect(screen.getByText("Deleted “Buy milk”")).toBeVisible(),
  );
  await userEvent.click(button);
  expect(undo).toHaveBeenCalledTimes(1);
});
