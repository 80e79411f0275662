import { act, screen, waitFor } from "@testing-library/react";
import { ConvexError } from "convex/values";
import { expect, test } from "vitest";
import { api } from "@convex/_generated/api";
import { clearOutbox, createMemoryOutboxStore } from "@/lib/outbox";
import { TEST_AUTH_USER } from "@/testing/fakeAuth";
import { holdMutations } from "@/testing/fakeConvex";
import { renderApp } from "@/testing/renderApp";
import { addNotes, addTodos, notesOf, todosOf } from "@/testing/seed";

const addField = () => screen.getByRole("textbox", { name: "Add a todo" });
const unsent = (count: number) =>
  screen.findByText(`${count} change${count === 1 ? "" : "s"} not sent yet`);

async function ready() {
  await screen.findByRole("heading", { level: 1, name: "Today" });
}

const OTHER_USER = {
  ...TEST_AUTH_USER,
  id: "user_other",
  email: "grace@example.com",
};

test("a change the server has not confirmed survives a reload and is stored exactly once", async () => {
  const first = await renderApp();
  await ready();
  // Only the todo is held (the profile is stored once signed in).
  await waitFor(() =>
    expect(first.backend.mutations.map((m) => m.name)).toContain(
      "users:syncProfile",
    ),
  );
  const held = holdMutations(first.backend);
  await first.user.type(addField(), "Written offline{Enter}");
  await waitFor(() => expect(held.pending).toBe(1));
  expect((await unsent(1)).closest('[role="status"]')).not.toBeNull();
  expect(first.outboxStore.entries).toEqual([
    expect.objectContaining({
      name: "todos:create",
      userId: TEST_AUTH_USER.id,
      args: expect.objectContaining({ text: "Written offline" }),
    }),
  ]);
  const { changeId } = first.outboxStore.entries[0]!;

  // The page goes away before the server answers.
  first.unmount();
  const second = await renderApp({
    backend: first.backend,
    outboxStore: first.outboxStore,
    keepStorage: true,
  });
  // Stored, and shown as stored (not just optimistically).
  await waitFor(() =>
    expect(
      screen.getByRole("checkbox", { name: "Written offline" }),
    ).toBeEnabled(),
  );
  await waitFor(() => expect(second.outboxStore.entries).toEqual([]));
  await waitFor(() =>
    expect(screen.queryByText(/not sent yet/)).not.toBeInTheDocument(),
  );
  const creates = [first.backend, second.backend].flatMap((b) =>
    b.mutations.filter((m) => m.name === "todos:create"),
  );
  expect(creates.map((m) => m.args.changeId)).toEqual([changeId, changeId]);

  // The first page's request, arriving late, runs nothing a second time.
  await act(async () => held.release());
  await waitFor(async () =>
    expect((await todosOf(second.backend)).map((t) => t.text)).toEqual([
      "Written offline",
    ]),
  );
});

test("a change refused because the session ended is kept, and sent after signing in again", async () => {
  const first = await renderApp({ seed: (b) => addTodos(b, ["Existing"]) });
  await screen.findByRole("checkbox", { name: "Existing" });
  first.backend.sessionEnded = true;
  await first.user.type(addField(), "Typed as the session ended{Enter}");
  await waitFor(() =>
    expect(
      first.backend.mutations.filter((m) => m.name === "todos:create"),
    ).toHaveLength(1),
  );
  // Refused: the optimistic item goes, the change stays kept and counted.
  await waitFor(() =>
    expect(
      screen.queryByRole("checkbox", { name: "Typed as the session ended" }),
    ).not.toBeInTheDocument(),
  );
  expect(first.outboxStore.entries).toHaveLength(1);
  expect((await todosOf(first.backend)).map((t) => t.text)).toEqual([
    "Existing",
  ]);

  first.unmount();
  const second = await renderApp({
    backend: first.backend,
    outboxStore: first.outboxStore,
    keepStorage: true,
  });
  await waitFor(() =>
    expect(
      screen.getByRole("checkbox", { name: "Typed as the session ended" }),
    ).toBeEnabled(),
  );
  await waitFor(() => expect(second.outboxStore.entries).toEqual([]));
  expect((await todosOf(second.backend)).map((t) => t.text)).toEqual([
    "Existing",
    "Typed as the session ended",
  ]);
});

test("another user's unsent changes are discarded when someone else signs in, never sent", async () => {
  const outboxStore = createMemoryOutboxStore();
  await outboxStore.put({
    changeId: "left-by-grace",
    userId: OTHER_USER.id,
    name: "todos:create",
    args: { day: "2025-01-01", text: "Grace's private todo" },
    createdAt: 1,
  });
  const { backend } = await renderApp({ outboxStore });
  await ready();
  await waitFor(() => expect(outboxStore.entries).toEqual([]));
  expect(screen.queryByText(/not sent yet/)).not.toBeInTheDocument();
  expect(backend.mutations.some((m) => m.name === "todos:create")).toBe(false);
});

test("text in the add field is kept for its user across a reload, and never shown to another user", async () => {
  const first = await renderApp();
  await ready();
  await first.user.type(addField(), "Half a thought");
  first.unmount();

  const reloaded = await renderApp({
    backend: first.backend,
    keepStorage: true,
  });
  await ready();
  expect(addField()).toHaveValue("Half a thought");
  const kept = { ...sessionStorage };
  reloaded.unmount();

  // Someone else signs in on this browser: nothing of Ada's shows, and it is gone.
  const other = await renderApp({
    authUser: OTHER_USER,
    tabStorage: kept,
  });
  await ready();
  expect(addField()).toHaveValue("");
  expect(
    Object.keys(sessionStorage).filter((key) =>
      key.includes(TEST_AUTH_USER.id),
    ),
  ).toEqual([]);
  other.unmount();

  // Adding clears what was kept.
  const again = await renderApp({ tabStorage: kept });
  await ready();
  expect(addField()).toHaveValue("Half a thought");
  await again.user.type(addField(), "{Enter}");
  expect(
    await screen.findByRole("checkbox", { name: "Half a thought" }),
  ).toBeInTheDocument();
  expect(
    Object.keys(sessionStorage).filter((key) => key.includes("add-todo")),
  ).toEqual([]);
});

test("an open todo edit is kept across a reload and opens again with its text", async () => {
  const first = await renderApp({ seed: (b) => addTodos(b, ["Call Bob"]) });
  await first.user.click(
    await screen.findByRole("button", { name: "Edit Call Bob" }),
  );
  await first.user.keyboard(" at noon");
  first.unmount();

  const second = await renderApp({
    backend: first.backend,
    keepStorage: true,
  });
  const editor = await screen.findByRole("textbox", { name: "Edit Call Bob" });
  expect(editor).toHaveValue("Call Bob at noon");
  await second.user.keyboard("{Enter}");
  await waitFor(async () =>
    expect((await todosOf(second.backend)).map((t) => t.text)).toEqual([
      "Call Bob at noon",
    ]),
  );
});

test("a note's unsaved text is kept across a reload (even with the outbox lost) and saved then", async () => {
  const first = await renderApp({
    seed: (b) => addNotes(b, [{ title: "Plan", body: "line one" }]),
  });
  const body = await screen.findByRole("textbox", { name: "Note body" });
  holdMutations(first.backend);
  await first.user.type(body, "\nline two");
  first.unmount();

  const second = await renderApp({
    backend: first.backend,
    keepStorage: true,
  });
  expect(await screen.findByRole("textbox", { name: "Note body" })).toHaveValue(
    "line one\nline two",
  );
  await waitFor(async () =>
    expect((await notesOf(second.backend))[0]!.body).toBe("line one\nline two"),
  );
  await waitFor(() =>
    expect(
      Object.keys(sessionStorage).filter((key) => key.includes(":note:")),
    ).toEqual([]),
  );
  expect(
    (
      await second.backend.asUser.query(api.notes.listForDay, {
        day: (await notesOf(second.backend))[0]!.day,
      })
    )[0]!.version,
  ).toBe(1);
});

test("clearOutbox (signing out) forgets the user's unsent changes and the text kept from open fields", async () => {
  const { user, backend, outboxStore } = await renderApp();
  await ready();
  await waitFor(() =>
    expect(backend.mutations.map((m) => m.name)).toContain("users:syncProfile"),
  );
  holdMutations(backend);
  await user.type(addField(), "Never confirmed{Enter}");
  await user.type(addField(), "half typed");
  expect(
    Object.keys(sessionStorage).filter((key) =>
      key.startsWith("daybook:draft:"),
    ),
  ).toHaveLength(1);

  await act(() => clearOutbox(TEST_AUTH_USER.id));
  expect(outboxStore.entries).toEqual([]);
  expect(screen.queryByText(/not sent yet/)).not.toBeInTheDocument();
  expect(
    Object.keys(sessionStorage).filter((key) =>
      key.startsWith("daybook:draft:"),
    ),
  ).toEqual([]);
});

test("a change refused for going too fast says “Slow down — try again in N s”, stays on screen, and is stored after the wait", async () => {
  const { user, backend } = await renderApp();
  await ready();
  await waitFor(() =>
    expect(backend.mutations.map((m) => m.name)).toContain("users:syncProfile"),
  );
  let refusals = 0;
  backend.gate = async (name) => {
    if (name !== "todos:create" || refusals > 0) return;
    refusals++;
    throw new ConvexError({
      code: "RATE_LIMITED",
      message: "Slow down — try again in 3 s.",
      retryAfterMs: 2500,
    });
  };
  const creates = () =>
    backend.mutations.filter((m) => m.name === "todos:create");
  await user.type(addField(), "Not lost{Enter}");
  expect(
    await screen.findByText("Slow down — try again in 3 s"),
  ).toBeInTheDocument();
  await waitFor(() =>
    expect(screen.getByRole("checkbox", { name: "Not lost" })).toBeVisible(),
  );
  // Shown while it waits: refused once, not sent again yet, nothing stored.
  expect(creates()).toHaveLength(1);
  expect(await todosOf(backend)).toEqual([]);

  await waitFor(async () =>
    expect((await todosOf(backend)).map((t) => t.text)).toEqual(["Not lost"]),
  );
  expect(
    await screen.findByRole("checkbox", { name: "Not lost" }),
  ).toBeInTheDocument();
  // The same change sent again (its change id), not a second one.
  expect(creates()).toHaveLength(2);
  expect(creates()[1]!.args.changeId).toBe(creates()[0]!.args.changeId);
  expect(screen.queryByText(/Could not add/)).not.toBeInTheDocument();
});
