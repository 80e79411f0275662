import { screen, within } from "@testing-library/react";
import { expect, test, vi } from "vitest";
import { renderApp } from "@/testing/renderApp";

// The signed-in app's chunk cannot be downloaded (a dropped connection).
vi.mock("./AppShell", () => {
  throw new TypeError("Failed to fetch dynamically imported module");
});

test("a signed-in app whose chunk cannot be downloaded says so and offers Reload, the one way to fetch it again", async () => {
  const reload = vi.fn();
  vi.stubGlobal("location", { ...window.location, reload });
  try {
    const { user } = await renderApp({ path: "/day/2025-03-01" });
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Daybook hit a problem.");
    expect(alert).toHaveTextContent(
      "Part of Daybook could not be downloaded. Check your connection, then reload the page.",
    );
    // Asking again cannot work: the browser remembers the failed import.
    expect(
      within(alert).queryByRole("button", { name: "Try again" }),
    ).toBeNull();
    await user.click(within(alert).getByRole("button", { name: "Reload" }));
    expect(reload).toHaveBeenCalledOnce();
  } finally {
    vi.unstubAllGlobals();
  }
});
