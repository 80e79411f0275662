import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { expect, test, vi } from "vitest";
import { Toaster } from "@/components/ui/Toaster";
import { ACTION_TOAST_ID, toast } from "./toast";

test("a toast that replaces one with an Undo button shows no Undo of its own (sonner would keep the old one's)", async () => {
  render(<Toaster theme="light" />);
  toast.message("Completed “Buy milk”", {
    action: { label: "Undo", onClick: () => {} },
  });
  await screen.findByRole("button", { name: "Undo" });
  toast.message("Moving to Recently deleted: 250 of 300", {
    id: ACTION_TOAST_ID,
    persistent: true,
  });
  await screen.findByText("Moving to Recently deleted: 250 of 300");
  await waitFor(() =>
    expect(screen.queryByRole("button", { name: "Undo" })).toBeNull(),
  );
  expect(screen.queryByText("Completed “Buy milk”")).toBeNull();
});

test("the toast that replaces one whose Undo was clicked stays, though sonner removes the clicked one a moment later", async () => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  try {
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    render(<Toaster theme="light" />);
    toast.message("Completed “Buy milk”", {
      action: {
        label: "Undo",
        // A quick undo: its toast comes well within sonner's 200 ms.
        onClick: () =>
          toast.message("Undone: Completed “Buy milk”", {
            action: { label: "Redo", onClick: () => {} },
          }),
      },
    });
    await user.click(await screen.findByRole("button", { name: "Undo" }));
    await screen.findByRole("button", { name: "Redo" });
    await act(() => vi.advanceTimersByTimeAsync(1_000));
    expect(screen.getByRole("button", { name: "Redo" })).toBeVisible();
    expect(screen.getByText("Undone: Completed “Buy milk”")).toBeVisible();
  } finally {
    vi.useRealTimers();
  }
});

test("after a toast's button, focus goes back where it was before the toast took it", async () => {
  const user = userEvent.setup();
  render(
    <>
      <button type="button">Before</button>
      <Toaster theme="light" />
    </>,
  );
  const before = screen.getByRole("button", { name: "Before" });
  act(() => before.focus());
  toast.message("Completed “Buy milk”", {
    action: { label: "Undo", onClick: () => {} },
  });
  const undo = await screen.findByRole("button", { name: "Undo" });
  act(() => undo.focus());
  await user.keyboard("{Enter}");
  await waitFor(() => expect(before).toHaveFocus());
});

test("after a toast's button takes away what had focus, focus goes to the main content", async () => {
  const user = userEvent.setup();
  const { rerender } = render(
    <>
      <main id="main" tabIndex={-1}>
        <button type="button">Before</button>
      </main>
      <Toaster theme="light" />
    </>,
  );
  act(() => screen.getByRole("button", { name: "Before" }).focus());
  toast.message("Moved “Buy milk” to today", {
    action: {
      label: "Undo",
      onClick: () =>
        rerender(
          <>
            <main id="main" tabIndex={-1} />
            <Toaster theme="light" />
          </>,
        ),
    },
  });
  const undo = await screen.findByRole("button", { name: "Undo" });
  act(() => undo.focus());
  await user.keyboard("{Enter}");
  await waitFor(() => expect(screen.getByRole("main")).toHaveFocus());
});
