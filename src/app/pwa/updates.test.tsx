import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, expect, test, vi } from "vitest";
import { Toaster } from "@/components/ui/Toaster";
import {
  offerNewVersion,
  promptForNewVersion,
  watchForUpdates,
} from "./updates";

const stops: (() => void)[] = [];
afterEach(() => {
  stops.splice(0).forEach((stop) => stop());
  vi.restoreAllMocks();
});

function fakeRegistration() {
  return {
    installing: null as ServiceWorker | null,
    update: vi.fn((): Promise<unknown> => Promise.resolve()),
  };
}

function setVisibility(state: DocumentVisibilityState) {
  vi.spyOn(document, "visibilityState", "get").mockReturnValue(state);
  document.dispatchEvent(new Event("visibilitychange"));
}

test('a waiting new version is offered as "New version available" with a Reload button that reloads into it', async () => {
  render(<Toaster theme="light" />);
  const reload = vi.fn();
  offerNewVersion(reload);
  offerNewVersion(reload);

  const button = await screen.findByRole("button", { name: "Reload" });
  expect(screen.getAllByText("New version available")).toHaveLength(1);
  expect(screen.getAllByRole("button", { name: "Reload" })).toHaveLength(1);
  await userEvent.click(button);
  expect(reload).toHaveBeenCalledTimes(1);
  // Chosen, the offer leaves (after its exit animation, whose timer must
  // not outlive the test's page).
  await waitFor(() =>
    expect(screen.queryByText("New version available")).toBeNull(),
  );
});

test("a tab coming back to the front asks the server for a new version", () => {
  const registration = fakeRegistration();
  stops.push(watchForUpdates(registration));

  setVisibility("hidden");
  expect(registration.update).not.toHaveBeenCalled();
  setVisibility("visible");
  expect(registration.update).toHaveBeenCalledTimes(1);
});

test("no check while offline or while a new version is already installing", () => {
  const registration = fakeRegistration();
  stops.push(watchForUpdates(registration));

  vi.spyOn(navigator, "onLine", "get").mockReturnValue(false);
  setVisibility("visible");
  vi.spyOn(navigator, "onLine", "get").mockReturnValue(true);
  registration.installing = {} as ServiceWorker;
  setVisibility("visible");
  expect(registration.update).not.toHaveBeenCalled();
});

test("a long-open tab checks again every interval, and a failed check is not an error", async () => {
  vi.useFakeTimers();
  try {
    const registration = fakeRegistration();
    registration.update.mockRejectedValue(new TypeError("Failed to fetch"));
    stops.push(watchForUpdates(registration, 1000));

    await vi.advanceTimersByTimeAsync(3000);
    expect(registration.update).toHaveBeenCalledTimes(3);
  } finally {
    vi.useRealTimers();
  }
});

/** One tab's prompt flow, with the service worker's part played by hand. */
function openTab(reloads: string[], name: string) {
  const activateWaitingVersion = vi.fn();
  let chooseReload = () => {};
  const flow = promptForNewVersion({
    activateWaitingVersion,
    offer: (reload) => (chooseReload = reload),
    reload: () => reloads.push(name),
  });
  return {
    activateWaitingVersion,
    newVersionWaits: () => flow.waiting(),
    /** The person clicks this tab's Reload. */
    chooseReload: () => chooseReload(),
    newVersionControls: () => flow.tookOver(),
  };
}

test("Reload in one tab reloads that tab only; the others reload when their own Reload is chosen", () => {
  const reloads: string[] = [];
  const clicked = openTab(reloads, "clicked");
  const other = openTab(reloads, "other");
  clicked.newVersionWaits();
  other.newVersionWaits();
  clicked.chooseReload();
  expect(clicked.activateWaitingVersion).toHaveBeenCalledTimes(1);

  // The new worker takes over every open tab of the site.
  clicked.newVersionControls();
  other.newVersionControls();
  expect(reloads).toEqual(["clicked"]);

  // Nothing waits any more: the other tab's Reload reloads it at once.
  other.chooseReload();
  expect(reloads).toEqual(["clicked", "other"]);
  expect(other.activateWaitingVersion).not.toHaveBeenCalled();
});
