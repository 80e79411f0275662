import { act, cleanup, screen, waitFor, within } from "@testing-library/react";
import { afterEach, expect, test } from "vitest";
import { todayString } from "@/lib/dates";
import {
  cacheKeyOf,
  createMemoryCacheStore,
  LocalCache,
  SAVED_COPY_TEXT,
} from "@/lib/localCache";
import { TEST_AUTH_USER } from "@/testing/fakeAuth";
import { openMenu, renderApp, setAuthState } from "@/testing/renderApp";
import { holdMutations, holdQueries } from "@/testing/fakeConvex";
import { addTodos } from "@/testing/seed";

type Store = ReturnType<typeof createMemoryCacheStore>;

const caches: LocalCache[] = [];
afterEach(() => {
  for (const cache of caches.splice(0)) cache.close();
  setSessionMarker(false);
});

/**
 * The session marker cookie the sign-in functions set beside the session:
 * authkit-js restores a session on start-up only while it is present.
 */
function setSessionMarker(present: boolean) {
  document.cookie = present
    ? "workos-has-session=client_test; path=/"
    : "workos-has-session=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT";
}

async function startedCache(store: Store, cookieKey: string | undefined) {
  const cache = new LocalCache({ store, readCookieKey: () => cookieKey });
  caches.push(cache);
  await cache.start([todayString()]);
  return cache;
}

const todosKey = () => `todos:listForDay:{"day":"${todayString()}"}`;

/** A first visit, signed in: today's todos are saved in `store`. */
async function visitOnce(store: Store) {
  const key = await cacheKeyOf(TEST_AUTH_USER.id);
  const cache = await startedCache(store, key);
  const first = await renderApp({
    seed: (backend) => addTodos(backend, ["Saved todo"]),
    localCache: cache,
  });
  await screen.findByRole("checkbox", { name: "Saved todo" });
  await waitFor(() => expect(store.keys).toContain(todosKey()));
  cleanup();
  cache.close();
  return { backend: first.backend, key };
}

test("a reload paints the saved day before sign-in answers, then swaps in live data; a change made meanwhile shows at once and is sent once signed in", async () => {
  const store = createMemoryCacheStore();
  const { backend, key } = await visitOnce(store);
  // Changed elsewhere while this tab was closed.
  await addTodos(backend, ["Added elsewhere"]);
  setSessionMarker(true);

  const cache = await startedCache(store, key);
  // The page after the reload, and what it sends.
  const { user, backend: reloaded } = await renderApp({
    authLoading: true,
    backend,
    keepStorage: true,
    localCache: cache,
  });
  expect(
    await screen.findByRole("checkbox", { name: "Saved todo" }),
  ).toBeInTheDocument();
  expect(screen.getByText(SAVED_COPY_TEXT)).toBeInTheDocument();
  expect(screen.queryByText("Checking your session…")).not.toBeInTheDocument();
  expect(
    screen.queryByRole("checkbox", { name: "Added elsewhere" }),
  ).not.toBeInTheDocument();

  // A change made meanwhile shows over the saved copy, held until the
  // sign-in: nothing is sent yet.
  const field = screen.getByRole("textbox", { name: "Add a todo" });
  await user.type(field, "Typed meanwhile{Enter}");
  expect(
    await screen.findByRole("checkbox", { name: "Typed meanwhile" }),
  ).toBeInTheDocument();
  expect(reloaded.mutations.map((m) => m.name)).not.toContain("todos:create");

  act(() => setAuthState({ isLoading: false, user: TEST_AUTH_USER }));
  expect(
    await screen.findByRole("checkbox", { name: "Added elsewhere" }),
  ).toBeInTheDocument();
  // The same row, not a new one: live data went into the same components.
  expect(screen.getAllByRole("checkbox", { name: "Saved todo" })).toHaveLength(
    1,
  );
  await waitFor(() =>
    expect(screen.queryByText(SAVED_COPY_TEXT)).not.toBeInTheDocument(),
  );
  // Signed in: the held change was sent, once, and is on the live list.
  await waitFor(() =>
    expect(
      reloaded.mutations.filter((m) => m.name === "todos:create"),
    ).toHaveLength(1),
  );
  expect(
    screen.getAllByRole("checkbox", { name: "Typed meanwhile" }),
  ).toHaveLength(1);
});

test("a change made over the saved copy stays on screen once Convex accepts the sign-in, until the day's live list has come, and is sent then", async () => {
  const store = createMemoryCacheStore();
  const { backend, key } = await visitOnce(store);
  setSessionMarker(true);
  const cache = await startedCache(store, key);
  const { user, backend: reloaded } = await renderApp({
    authLoading: true,
    backend,
    keepStorage: true,
    localCache: cache,
  });
  const field = await screen.findByRole("textbox", { name: "Add a todo" });
  await user.type(field, "Typed meanwhile{Enter}");
  await screen.findByRole("checkbox", { name: "Typed meanwhile" });

  const todaysList = holdQueries(reloaded, "todos:listForDay");
  act(() => setAuthState({ isLoading: false, user: TEST_AUTH_USER }));
  // Signed in to Convex, which was asked for today's list: it has not come.
  await waitFor(() => expect(todaysList.pending).toBeGreaterThan(0));
  await act(async () => {});
  expect(
    screen.getByRole("checkbox", { name: "Typed meanwhile" }),
  ).toBeInTheDocument();
  expect(screen.getByText(SAVED_COPY_TEXT)).toBeInTheDocument();

  todaysList.release();
  await waitFor(() =>
    expect(screen.queryByText(SAVED_COPY_TEXT)).not.toBeInTheDocument(),
  );
  await waitFor(() =>
    expect(
      reloaded.mutations.filter((m) => m.name === "todos:create"),
    ).toHaveLength(1),
  );
  expect(
    screen.getAllByRole("checkbox", { name: "Typed meanwhile" }),
  ).toHaveLength(1);
});

test("another user's cookie: the cache is wiped before anything is shown", async () => {
  const store = createMemoryCacheStore();
  const { backend } = await visitOnce(store);
  const cache = await startedCache(store, await cacheKeyOf("user_someone"));
  await renderApp({ authLoading: true, backend, localCache: cache });
  expect(screen.getByRole("status")).toHaveTextContent(
    "Checking your session…",
  );
  expect(
    screen.queryByRole("checkbox", { name: "Saved todo" }),
  ).not.toBeInTheDocument();
  expect(store.keys).toEqual([]);
  expect(screen.queryByText(SAVED_COPY_TEXT)).not.toBeInTheDocument();
});

test("the session turning out signed out leaves the saved copy for the landing page and wipes it", async () => {
  const store = createMemoryCacheStore();
  const { backend, key } = await visitOnce(store);
  let cookie: string | undefined = key;
  setSessionMarker(true);
  const cache = new LocalCache({ store, readCookieKey: () => cookie });
  caches.push(cache);
  await cache.start([todayString()]);
  await renderApp({ authLoading: true, backend, localCache: cache });
  await screen.findByRole("checkbox", { name: "Saved todo" });

  // The refused refresh clears the sign-in cookies.
  cookie = undefined;
  setSessionMarker(false);
  act(() => setAuthState({ isLoading: false, user: null }));
  expect(
    await screen.findByRole("button", { name: "Sign in" }),
  ).toBeInTheDocument();
  expect(
    screen.queryByRole("checkbox", { name: "Saved todo" }),
  ).not.toBeInTheDocument();
  await waitFor(() => expect(store.keys).toEqual([]));
});

test("no sign-in under way (the cache key cookie without the session marker): the landing page, not the saved copy, and the cache is wiped", async () => {
  const store = createMemoryCacheStore();
  const { backend, key } = await visitOnce(store);
  const cache = await startedCache(store, key);
  await renderApp({ signedIn: false, backend, localCache: cache });
  expect(
    await screen.findByRole("button", { name: "Sign in" }),
  ).toBeInTheDocument();
  expect(screen.queryByText(SAVED_COPY_TEXT)).not.toBeInTheDocument();
  expect(
    screen.queryByRole("checkbox", { name: "Saved todo" }),
  ).not.toBeInTheDocument();
  await waitFor(() => expect(store.keys).toEqual([]));
});

test("signing out empties the cache", async () => {
  const store = createMemoryCacheStore();
  const key = await cacheKeyOf(TEST_AUTH_USER.id);
  const cache = await startedCache(store, key);
  const { user } = await renderApp({
    seed: (backend) => addTodos(backend, ["Saved todo"]),
    localCache: cache,
  });
  await screen.findByRole("checkbox", { name: "Saved todo" });
  await waitFor(() => expect(store.keys).toContain(todosKey()));
  const menu = await openMenu(user, /Account menu/);
  await user.click(within(menu).getByRole("menuitem", { name: "Sign out" }));
  await waitFor(() => expect(store.keys).toEqual([]));
  expect(await store.readOwner()).toBeUndefined();
});

test("a change the server has not confirmed is never saved in the cache: a reload before it is confirmed shows it once, held", async () => {
  const store = createMemoryCacheStore();
  const { backend, key } = await visitOnce(store);
  const cache = await startedCache(store, key);
  const first = await renderApp({
    backend,
    keepStorage: true,
    localCache: cache,
  });
  await screen.findByRole("checkbox", { name: "Saved todo" });
  const held = holdMutations(first.backend);
  await first.user.type(
    screen.getByRole("textbox", { name: "Add a todo" }),
    "Typed before the reload{Enter}",
  );
  await waitFor(() => expect(held.pending).toBe(1));
  await screen.findByRole("checkbox", { name: "Typed before the reload" });
  // What the cache keeps of today's list (and writes shortly) is the
  // server's list, without the pending row.
  await act(async () => {});
  const kept = cache.read("todos:listForDay", { day: todayString() });
  expect(JSON.stringify(kept)).toContain("Saved todo");
  expect(JSON.stringify(kept)).not.toContain("Typed before the reload");

  // The page goes away before the server answers; the next paints the
  // saved copy with the held change over it, once.
  first.unmount();
  cache.close();
  setSessionMarker(true);
  const reloadedCache = await startedCache(store, key);
  await renderApp({
    authLoading: true,
    backend,
    keepStorage: true,
    localCache: reloadedCache,
    outboxStore: first.outboxStore,
  });
  await screen.findByRole("checkbox", { name: "Saved todo" });
  expect(
    await screen.findAllByRole("checkbox", { name: "Typed before the reload" }),
  ).toHaveLength(1);
});

test("once the server confirms a change, the cache saves the confirmed list", async () => {
  const store = createMemoryCacheStore();
  const { backend, key } = await visitOnce(store);
  const cache = await startedCache(store, key);
  const { user } = await renderApp({
    backend,
    keepStorage: true,
    localCache: cache,
  });
  await screen.findByRole("checkbox", { name: "Saved todo" });
  await user.type(
    screen.getByRole("textbox", { name: "Add a todo" }),
    "Confirmed todo{Enter}",
  );
  await waitFor(async () =>
    expect(JSON.stringify(await store.entriesOf(todayString()))).toContain(
      "Confirmed todo",
    ),
  );
  const saved = JSON.stringify(await store.entriesOf(todayString()));
  expect(saved).not.toContain("optimistic:");
});
