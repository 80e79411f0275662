import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { expect, test, vi } from "vitest";
import { toast } from "@/lib/toast";
import { Toaster } from "./Toaster";

// One test per file's fresh modules: sonner is not loaded yet when it starts.
test("sonner's region mounts with the first toast, asked for before the library arrived, and that toast's Undo works on its first click", async () => {
  render(<Toaster theme="light" />);
  expect(screen.queryByRole("region", { name: /Notifications/ })).toBeNull();

  const undo = vi.fn();
  toast.message("Deleted “Buy milk”", {
    action: { label: "Undo", onClick: undo },
  });

  const button = await screen.findByRole("button", { name: "Undo" });
  expect(
    screen.getByRole("region", { name: /Notifications/ }),
  ).toContainElement(button);
  expect(screen.getByText("Deleted “Buy milk”")).toBeVisible();
  await userEvent.click(button);
  expect(undo).toHaveBeenCalledTimes(1);
});
