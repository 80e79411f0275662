import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, expect, test, vi } from "vitest";
import { Toaster } from "@/components/ui/Toaster";
import { toast } from "@/lib/toast";
import { startServiceWorker } from "./serviceWorker";

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** A worker of the registration, as far as the update flow looks. */
function fakeWorker(state: ServiceWorkerState) {
  const worker = Object.assign(new EventTarget(), {
    state,
    postMessage: vi.fn(),
  });
  return worker;
}

/**
 * The page's service worker container, where `register()` and `ready`
 * never answer (as Chrome leaves them on a page loaded offline that comes
 * back online) while `getRegistration()` does: an earlier visit's worker
 * is active and controls the page.
 */
function pageWhoseRegisterNeverAnswers() {
  const registration = Object.assign(new EventTarget(), {
    waiting: null as ReturnType<typeof fakeWorker> | null,
    installing: null as ReturnType<typeof fakeWorker> | null,
    update: vi.fn(() => Promise.resolve()),
  });
  const container = Object.assign(new EventTarget(), {
    controller: fakeWorker("activated") as ReturnType<typeof fakeWorker> | null,
    register: vi.fn(() => new Promise<never>(() => {})),
    ready: new Promise<never>(() => {}),
    getRegistration: vi.fn(() => Promise.resolve(registration)),
  });
  vi.stubGlobal("navigator", { ...navigator, serviceWorker: container });
  return { registration, container };
}

test("a new version is offered even when register() and ready never answer, and Reload tells the waiting worker to take over", async () => {
  render(<Toaster theme="light" />);
  const { registration, container } = pageWhoseRegisterNeverAnswers();
  startServiceWorker();
  expect(container.register).toHaveBeenCalledWith("/sw.js", { scope: "/" });

  // A deploy: the browser finds a new worker, which installs and waits.
  await Promise.resolve();
  const next = fakeWorker("installing");
  registration.installing = next;
  registration.dispatchEvent(new Event("updatefound"));
  registration.installing = null;
  registration.waiting = Object.assign(next, { state: "installed" });
  next.dispatchEvent(new Event("statechange"));

  await userEvent.click(await screen.findByRole("button", { name: "Reload" }));
  expect(next.postMessage).toHaveBeenCalledWith({ type: "SKIP_WAITING" });
});

test("a version already waiting when the page starts is offered at once", async () => {
  render(<Toaster theme="light" />);
  const { registration } = pageWhoseRegisterNeverAnswers();
  registration.waiting = fakeWorker("installed");
  startServiceWorker();
  expect(await screen.findByText("New version available")).toBeInTheDocument();
});

test("the first install (no worker controlled the page yet) is not offered as a new version", async () => {
  const offers = vi.spyOn(toast, "message");
  const { registration, container } = pageWhoseRegisterNeverAnswers();
  container.controller = null;
  registration.waiting = fakeWorker("installed");
  const listening = vi.spyOn(container, "addEventListener");
  startServiceWorker();
  // The flow is wired (it listens for a takeover) and offered nothing.
  await vi.waitFor(() =>
    expect(listening).toHaveBeenCalledWith(
      "controllerchange",
      expect.any(Function),
    ),
  );
  expect(offers).not.toHaveBeenCalled();
});

test("on a first visit (no registration yet) the registration comes from ready, once the worker is active", async () => {
  render(<Toaster theme="light" />);
  const { registration, container } = pageWhoseRegisterNeverAnswers();
  container.getRegistration.mockResolvedValue(undefined as never);
  container.ready = Promise.resolve(registration) as never;
  registration.waiting = fakeWorker("installed");
  startServiceWorker();
  expect(await screen.findByText("New version available")).toBeInTheDocument();
});
