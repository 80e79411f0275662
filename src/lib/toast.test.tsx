import { render, screen, waitFor } from "@testing-library/react";
import { expect, test } from "vitest";
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
