import { afterEach, expect, test, vi } from "vitest";
import { IDLE_DEADLINE_MS, runWhenIdle } from "./whenIdle";

afterEach(() => {
  vi.unstubAllGlobals();
});

test("background work (the service worker's start) runs when the tab is idle, or within 5 s on a tab that never is", () => {
  const requestIdleCallback = vi.fn();
  vi.stubGlobal("requestIdleCallback", requestIdleCallback);
  const task = vi.fn();
  runWhenIdle(task);
  expect(requestIdleCallback).toHaveBeenCalledTimes(1);
  const [callback, options] = requestIdleCallback.mock.calls[0] as [
    () => void,
    IdleRequestOptions | undefined,
  ];
  expect(options?.timeout).toBe(IDLE_DEADLINE_MS);
  expect(IDLE_DEADLINE_MS).toBeLessThanOrEqual(5_000);
  callback();
  expect(task).toHaveBeenCalledTimes(1);
});
