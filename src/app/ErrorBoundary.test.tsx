import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ConvexError } from "convex/values";
import { expect, test, vi } from "vitest";
import { ErrorBoundary } from "./ErrorBoundary";

test("a view that throws shows the error's message and Try again, which renders the view again", async () => {
  // The view fails (a failed query) until the test mends it.
  let failing = true;
  function View() {
    if (failing) {
      throw new ConvexError({
        code: "NOT_FOUND",
        message: "That day could not be found.",
      });
    }
    return <p>The day</p>;
  }
  // React reports the caught error on the console; the test expects it.
  const consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
  try {
    render(
      <ErrorBoundary>
        <View />
      </ErrorBoundary>,
    );
    const alert = screen.getByRole("alert");
    expect(alert).toHaveTextContent("This view could not be shown.");
    expect(alert).toHaveTextContent("That day could not be found.");
    expect(within(alert).queryByRole("button", { name: "Reload" })).toBeNull();

    failing = false;
    await userEvent.click(
      within(alert).getByRole("button", { name: "Try again" }),
    );
    expect(screen.getByText("The day")).toBeVisible();
    expect(screen.queryByRole("alert")).toBeNull();
  } finally {
    consoleError.mockRestore();
  }
});
