import { screen, waitFor } from "@testing-library/react";
import { expect, test, vi } from "vitest";
import { renderApp } from "@/testing/renderApp";

// The signed-in app's chunks still on their way (an empty HTTP cache on a
// slow link): its import never settles.
vi.mock("./AppShell", () => new Promise(() => {}));

test("the day's list is asked for while the signed-in app is still loading", async () => {
  const { backend } = await renderApp({ path: "/day/2025-03-01" });
  expect(await screen.findByText("Opening your day…")).toBeInTheDocument();
  await waitFor(() =>
    expect(backend.subscribedQueries).toEqual(["todos:listForDay"]),
  );
  expect(screen.getByText("Opening your day…")).toBeInTheDocument();
});
