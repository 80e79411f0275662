import { screen } from "@testing-library/react";
import { expect, test, vi } from "vitest";
import { renderApp } from "@/testing/renderApp";
import { appShellSettled } from "./App";

// The signed-in app's chunk arrives when the test says so.
const chunk = vi.hoisted(() => {
  let arrive = () => {};
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  return { arrive: () => arrive(), arrived };
});
vi.mock("./AppShell", async () => {
  await chunk.arrived;
  return { default: () => <p>The signed-in app</p> };
});

test("background downloads wait until the signed-in app's chunk has arrived, and not at all when none is being fetched", async () => {
  // Signed out, with no session marker: nothing is fetched, nothing waits.
  await expect(appShellSettled()).resolves.toBeUndefined();

  await renderApp({ path: "/day/2025-03-01" });
  await screen.findByText("Opening your day…");
  let settled = false;
  void appShellSettled().then(() => (settled = true));
  // Many turns of the event loop: still waiting for the chunk.
  for (let turn = 0; turn < 20; turn += 1) {
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  expect(settled).toBe(false);

  chunk.arrive();
  await appShellSettled();
  expect(settled).toBe(true);
  expect(await screen.findByText("The signed-in app")).toBeVisible();
});
