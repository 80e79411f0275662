import { screen } from "@testing-library/react";
import { expect, test, vi } from "vitest";
import { renderApp } from "@/testing/renderApp";

// The signed-in app's chunk fails to arrive once (a dropped connection),
// then arrives.
const shellImports = vi.hoisted(() => ({ count: 0 }));
vi.mock("./AppShell", async (importOriginal) => {
  shellImports.count += 1;
  if (shellImports.count === 1) {
    throw new TypeError("Failed to fetch dynamically imported module");
  }
  return importOriginal();
});

test("a signed-in app whose chunk fails to load says so, and Try again loads it", async () => {
  const { user } = await renderApp({ path: "/day/2025-03-01" });
  expect(await screen.findByRole("alert")).toHaveTextContent(
    "Daybook hit a problem.",
  );
  await user.click(screen.getByRole("button", { name: "Try again" }));
  expect(
    await screen.findByRole("textbox", { name: /add a todo/i }),
  ).toBeInTheDocument();
  expect(shellImports.count).toBe(2);
});
