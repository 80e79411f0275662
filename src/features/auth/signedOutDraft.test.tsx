import { screen, waitFor, within } from "@testing-library/react";
import { expect, test } from "vitest";
import { renderApp } from "@/testing/renderApp";
import { todosOf } from "@/testing/seed";

test("text typed in the add field before signing in is in the add field after signing in", async () => {
  const visitor = await renderApp({ signedIn: false });
  const preview = await screen.findByRole("textbox", { name: "Add a todo" });
  await visitor.user.type(preview, "Buy milk{Enter}");
  const dialog = await screen.findByRole("dialog", {
    name: "Sign in required",
  });
  expect(within(dialog).getByRole("button", { name: "Sign in" })).toBeVisible();
  // Signing in leaves the page for the sign-in page and comes back to a
  // new one in the same tab.
  visitor.unmount();

  const signedIn = await renderApp({
    backend: visitor.backend,
    keepStorage: true,
  });
  await screen.findByRole("heading", { level: 1, name: "Today" });
  expect(screen.getByRole("textbox", { name: "Add a todo" })).toHaveValue(
    "Buy milk",
  );
  // Kept once: a reload does not bring it back a second time after it is added.
  await signedIn.user.type(
    screen.getByRole("textbox", { name: "Add a todo" }),
    "{Enter}",
  );
  await waitFor(async () =>
    expect((await todosOf(signedIn.backend)).map((t) => t.text)).toEqual([
      "Buy milk",
    ]),
  );
  signedIn.unmount();
  await renderApp({ backend: signedIn.backend, keepStorage: true });
  await screen.findByRole("heading", { level: 1, name: "Today" });
  expect(screen.getByRole("textbox", { name: "Add a todo" })).toHaveValue("");
});
