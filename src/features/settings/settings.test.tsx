import { act, screen, waitFor, within } from "@testing-library/react";
import { afterEach, expect, test, vi } from "vitest";
import { api } from "@convex/_generated/api";
import { THEME_STORAGE_KEY } from "@/lib/theme";
import { todayString } from "@/lib/dates";
import { catchDownloads } from "@/testing/downloads";
import { authCalls, renderApp } from "@/testing/renderApp";
import { addNotes, addTodos } from "@/testing/seed";

afterEach(() => {
  vi.restoreAllMocks();
  document.documentElement.classList.remove("dark");
});

/** jsdom's Blob has no text(); FileReader reads it. */
function readBlob(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

async function openSettings(
  user: Awaited<ReturnType<typeof renderApp>>["user"],
) {
  await screen.findByRole("heading", { level: 1 });
  await user.click(screen.getByRole("button", { name: "Settings" }));
  return await screen.findByRole("dialog", { name: "Settings" });
}

test("the theme choice applies at once and is remembered", async () => {
  const { user } = await renderApp();
  let dialog = await openSettings(user);
  expect(within(dialog).getByRole("radio", { name: "System" })).toBeChecked();
  await user.click(within(dialog).getByRole("radio", { name: "Dark" }));
  expect(document.documentElement).toHaveClass("dark");
  expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe("dark");
  await user.keyboard("{Escape}");
  await waitFor(() =>
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument(),
  );

  dialog = await openSettings(user);
  expect(within(dialog).getByRole("radio", { name: "Dark" })).toBeChecked();
  await user.click(within(dialog).getByRole("radio", { name: "Light" }));
  expect(document.documentElement).not.toHaveClass("dark");
  expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe("light");
});

test("Export my data downloads one JSON document with exactly the person's rows", async () => {
  const { blobs, clicks } = catchDownloads();
  const { user, backend } = await renderApp({
    seed: async (b) => {
      await addTodos(b, ["Buy milk", "# Work"]);
      await addTodos(b, ["Old thing"], "2025-01-05");
      await addNotes(b, [{ title: "Idea", body: "Long text" }]);
      // Someone else's data must not appear.
      await b.t
        .withIdentity({ subject: "someone_else", issuer: "x" })
        .mutation(api.todos.create, { day: "2025-01-05", text: "Not mine" });
    },
  });
  const dialog = await openSettings(user);
  await user.click(
    within(dialog).getByRole("button", { name: "Export my data" }),
  );
  const fileName = `daybook-export-${todayString()}.json`;
  expect(
    await within(dialog).findByText(new RegExp(`Downloaded ${fileName}`)),
  ).toBeInTheDocument();

  expect(clicks).toHaveLength(1);
  expect(clicks[0]!.download).toBe(fileName);
  expect(clicks[0]!.href).toBe("blob:daybook-export");
  expect(blobs).toHaveLength(1);
  expect(blobs[0]!.type).toBe("application/json");
  const exported = JSON.parse(await readBlob(blobs[0]!));
  expect(Object.keys(exported).sort()).toEqual(
    [
      "days",
      "exportedAt",
      "notes",
      "profile",
      "series",
      "settings",
      "todos",
    ].sort(),
  );
  const mine = await backend.t.run(async (ctx) => ({
    days: await ctx.db.query("days").collect(),
    todos: await ctx.db.query("todos").collect(),
    notes: await ctx.db.query("notes").collect(),
    users: await ctx.db.query("users").collect(),
  }));
  const ours = <T extends { userId: string }>(rows: T[]) =>
    rows.filter((row) => row.userId === "user_test");
  const ids = (rows: { _id: string }[]) => rows.map((row) => row._id).sort();
  expect(ids(exported.todos)).toEqual(ids(ours(mine.todos)));
  expect(exported.todos.map((t: { text: string }) => t.text).sort()).toEqual([
    "Buy milk",
    "Old thing",
    "Work",
  ]);
  expect(ids(exported.notes)).toEqual(ids(ours(mine.notes)));
  expect(ids(exported.days)).toEqual(ids(ours(mine.days)));
  expect(exported.days).toHaveLength(2);
  expect(exported.profile?._id ?? null).toBe(ours(mine.users)[0]?._id ?? null);
  expect(JSON.stringify(exported)).not.toContain("Not mine");
  expect(new Date(exported.exportedAt).getTime()).not.toBeNaN();
});

test("Export leaves Recently deleted out, unless Include Recently deleted is ticked", async () => {
  const { blobs } = catchDownloads();
  const { user } = await renderApp({
    seed: async (b) => {
      const [gone] = await addTodos(b, ["Kept", "Thrown away"]).then((ids) =>
        ids.slice(1),
      );
      await b.asUser.mutation(api.todos.remove, { id: gone! });
    },
  });
  const dialog = await openSettings(user);
  const exportButton = within(dialog).getByRole("button", {
    name: "Export my data",
  });
  await user.click(exportButton);
  await waitFor(() => expect(blobs).toHaveLength(1));
  const plain = JSON.parse(await readBlob(blobs[0]!));
  expect(plain).not.toHaveProperty("trash");
  expect(JSON.stringify(plain)).not.toContain("Thrown away");

  await user.click(
    within(dialog).getByRole("checkbox", {
      name: "Include Recently deleted in the JSON file",
    }),
  );
  await user.click(exportButton);
  await waitFor(() => expect(blobs).toHaveLength(2));
  const withTrash = JSON.parse(await readBlob(blobs[1]!));
  expect(
    withTrash.trash.map((row: { todo?: { text: string } }) => row.todo?.text),
  ).toEqual(["Thrown away"]);
  expect(withTrash.trashGroups).toHaveLength(1);
});

test("Delete my data needs DELETE typed, then shows progress until done and offers Sign out", async () => {
  const { user, backend } = await renderApp({
    seed: async (b) => {
      await addTodos(b, ["a", "b", "c"]);
      await addNotes(b, [{ title: "n" }]);
    },
  });
  const dialog = await openSettings(user);
  await user.click(
    within(dialog).getByRole("button", { name: "Delete my data" }),
  );
  const field = within(dialog).getByRole("textbox", {
    name: "Type DELETE to confirm",
  });
  await waitFor(() => expect(field).toHaveFocus());
  const confirm = within(dialog).getByRole("button", {
    name: "Delete everything",
  });
  expect(confirm).toBeDisabled();
  await user.type(field, "delete{Enter}");
  expect(confirm).toBeDisabled();
  expect(backend.mutations.some((m) => m.name === "account:deleteMyData")).toBe(
    false,
  );
  await user.clear(field);
  await user.type(field, "DELETE");
  expect(confirm).toBeEnabled();
  await user.click(confirm);

  const progress = await within(dialog).findByRole("progressbar", {
    name: "Deleting your data",
  });
  await waitFor(async () => {
    // Scheduled batches run in the background; look again.
    await act(() => backend.refresh());
    expect(
      within(dialog).getByText("All your data has been deleted."),
    ).toHaveAttribute("role", "status");
  });
  const total = Number(progress.getAttribute("aria-valuemax"));
  expect(total).toBeGreaterThan(0);
  expect(progress).toHaveAttribute("aria-valuenow", String(total));
  expect(
    await backend.asUser.query(api.todos.listForDay, { day: todayString() }),
  ).toEqual([]);

  await user.click(within(dialog).getByRole("button", { name: "Sign out" }));
  expect(authCalls.signOut).toHaveBeenCalledTimes(1);
});
