import { screen, waitFor, within } from "@testing-library/react";
import { expect, test } from "vitest";
import { api } from "@convex/_generated/api";
import { deviceTimeZone, shiftDay, todayString } from "@/lib/dates";
import { renderApp } from "@/testing/renderApp";
import { addTodos, todosOf } from "@/testing/seed";

async function openSettings(
  user: Awaited<ReturnType<typeof renderApp>>["user"],
) {
  await screen.findByRole("heading", { level: 1 });
  await user.click(screen.getByRole("button", { name: "Settings" }));
  return await screen.findByRole("dialog", { name: "Settings" });
}

test("the browser's time zone is stored on sign-in", async () => {
  const { backend } = await renderApp();
  await waitFor(async () =>
    expect(await backend.asUser.query(api.settings.get, {})).toMatchObject({
      timeZone: deviceTimeZone(),
      timeZoneIsSet: true,
      timeZoneChosen: false,
    }),
  );
});

test("Time zone: a zone picked in Settings is stored as chosen; Automatic follows the device again", async () => {
  const { user, backend } = await renderApp();
  const dialog = await openSettings(user);
  const select = within(dialog).getByRole("combobox", { name: "Time zone" });
  await waitFor(() => expect(select).toBeEnabled());
  expect(select).toHaveDisplayValue(`Automatic (${deviceTimeZone()})`);

  await user.selectOptions(select, "Asia/Tokyo");
  await waitFor(async () =>
    expect(await backend.asUser.query(api.settings.get, {})).toMatchObject({
      timeZone: "Asia/Tokyo",
      timeZoneChosen: true,
    }),
  );
  expect(select).toHaveDisplayValue("Asia/Tokyo");

  await user.selectOptions(select, `Automatic (${deviceTimeZone()})`);
  await waitFor(async () =>
    expect(await backend.asUser.query(api.settings.get, {})).toMatchObject({
      timeZone: deviceTimeZone(),
      timeZoneChosen: false,
    }),
  );
});

test("“Move unfinished todos to today automatically” is off by default; turned on, earlier open todos move to today at once, as its hint says, and a toast says so", async () => {
  const yesterday = shiftDay(todayString(), -1);
  const { user, backend } = await renderApp({
    seed: (b) => addTodos(b, ["Left yesterday"], yesterday),
  });
  const dialog = await openSettings(user);
  const checkbox = within(dialog).getByRole("checkbox", {
    name: "Move unfinished todos to today automatically",
  });
  await waitFor(() => expect(checkbox).toBeEnabled());
  expect(checkbox).not.toBeChecked();
  expect(checkbox).toHaveAccessibleDescription(
    /^When you turn this on, and then the first time you open Daybook each new day, /,
  );
  expect((await todosOf(backend, yesterday)).map((t) => t.text)).toEqual([
    "Left yesterday",
  ]);

  await user.click(checkbox);
  expect(checkbox).toBeChecked();
  await waitFor(async () =>
    expect((await todosOf(backend)).map((t) => t.text)).toEqual([
      "Left yesterday",
    ]),
  );
  expect(
    (await backend.asUser.query(api.settings.get, {}))
      .moveUnfinishedAutomatically,
  ).toBe(true);
  expect(
    await screen.findByText("Moved 1 unfinished todo to today"),
  ).toBeInTheDocument();
});
