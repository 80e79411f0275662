import { cleanup, screen, waitFor, within } from "@testing-library/react";
import { afterEach, expect, test, vi } from "vitest";
import { api } from "@convex/_generated/api";
import { dayInTimeZone } from "@convex/lib/timeZone";
import {
  deviceTimeZone,
  shiftDay,
  todayString,
  toDayString,
} from "@/lib/dates";
import { longDate, shortDate } from "@/lib/dayNames";
import { holdQueries } from "@/testing/fakeConvex";
import { renderApp } from "@/testing/renderApp";
import { addTodos, todosOf } from "@/testing/seed";
import { timeZoneLabel } from "./timeZones";

/**
 * A chosen zone may make another day today, and the whole day view follows:
 * more than the default 30 s on a busy machine.
 */
const ZONE_TEST_TIMEOUT_MS = 90_000;

/** The Time zone list's option that follows this device. */
const automaticOption = () => `Automatic (${timeZoneLabel(deviceTimeZone())})`;

async function openSettings(
  user: Awaited<ReturnType<typeof renderApp>>["user"],
) {
  await screen.findByRole("heading", { level: 1 });
  await user.click(screen.getByRole("button", { name: "Settings" }));
  return await screen.findByRole("dialog", { name: "Settings" });
}

/**
 * Chooses a zone in Settings' "Time zone" field: types `search`, then
 * clicks the option named `option`.
 */
async function chooseTimeZone(
  user: Awaited<ReturnType<typeof renderApp>>["user"],
  field: HTMLElement,
  search: string,
  option: string | RegExp,
) {
  await user.click(field);
  if (search) await user.type(field, search);
  const list = screen.getByRole("listbox", { name: "Time zones" });
  await user.click(within(list).getByRole("option", { name: option }));
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

test(
  "Time zone: a zone picked in Settings is stored as chosen; Automatic follows the device again",
  async () => {
    const { user, backend } = await renderApp();
    const dialog = await openSettings(user);
    const select = within(dialog).getByRole("combobox", { name: "Time zone" });
    await waitFor(() => expect(select).toBeEnabled());
    // Automatic reads as every other option does: place, name and offset.
    expect(select).toHaveDisplayValue(automaticOption());
    expect(select).toHaveDisplayValue(
      /^Automatic \(.+ — .*UTC[+-]\d\d:\d\d\)$/,
    );

    await chooseTimeZone(user, select, "tokyo", /^Tokyo — /);
    await waitFor(async () =>
      expect(await backend.asUser.query(api.settings.get, {})).toMatchObject({
        timeZone: "Asia/Tokyo",
        timeZoneChosen: true,
      }),
    );
    expect(select).toHaveDisplayValue(
      /^Tokyo — Japan Standard Time, UTC\+09:00$/,
    );

    await chooseTimeZone(user, select, "", automaticOption());
    await waitFor(async () =>
      expect(await backend.asUser.query(api.settings.get, {})).toMatchObject({
        timeZone: deviceTimeZone(),
        timeZoneChosen: false,
      }),
    );
  },
  ZONE_TEST_TIMEOUT_MS,
);

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

test(
  "Time zone: choosing one where it is already tomorrow, with “Move unfinished todos to today automatically” on, shows a daily repeat left open today once on the new today, and leaves today's where it is",
  async () => {
    // 22:00 here: in UTC+14 it is already tomorrow, wherever this device is
    // west of UTC+12 (its clock kept running).
    vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
    vi.setSystemTime(new Date(2026, 10, 30, 22, 0));
    const zone = "Pacific/Kiritimati";
    const deviceToday = toDayString(new Date());
    const zoneToday = dayInTimeZone(Date.now(), zone);
    expect(zoneToday).toBe(shiftDay(deviceToday, 1));
    const { user, backend } = await renderApp({
      seed: async (b) => {
        await b.asUser.mutation(api.settings.setMoveUnfinishedAutomatically, {
          enabled: true,
        });
        await b.asUser.mutation(api.series.create, {
          day: deviceToday,
          text: "Water plants",
          rule: { freq: "daily", interval: 1, end: { kind: "never" } },
        });
      },
    });
    expect(
      await screen.findByRole("checkbox", { name: /^Water plants/ }),
    ).toBeInTheDocument();

    const dialog = await openSettings(user);
    const select = within(dialog).getByRole("combobox", { name: "Time zone" });
    await waitFor(() => expect(select).toBeEnabled());
    await chooseTimeZone(user, select, "Kiritimati", /^Kiritimati — /);
    await user.keyboard("{Escape}");
    expect(
      await screen.findByText(`Today · ${longDate(zoneToday)}`),
    ).toBeInTheDocument();
    // Both asked on the new today: its repeats made, unfinished todos moved.
    const askedFor = (name: string) =>
      backend.mutations.filter(
        (mutation) =>
          mutation.name === name &&
          (mutation.args.day ?? mutation.args.today) === zoneToday,
      );
    await waitFor(() => {
      expect(askedFor("series:showDay")).not.toEqual([]);
      expect(askedFor("carryOver:moveAutomatically")).not.toEqual([]);
    });
    await waitFor(async () =>
      expect(backend.connectionState().inflightMutations).toBe(0),
    );

    const texts = async (day: string) =>
      (await todosOf(backend, day)).map((todo) => todo.text);
    expect(await texts(zoneToday)).toEqual(["Water plants"]);
    expect(await texts(deviceToday)).toEqual(["Water plants"]);
  },
  ZONE_TEST_TIMEOUT_MS,
);

/**
 * Noon on this device (its clock kept running), and a time zone where it is
 * another calendar day then: UTC+14 is a day ahead of any device west of
 * UTC+2, UTC-11 a day behind any device east of UTC+1.
 */
function noonAndAZoneOnAnotherDay() {
  vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
  vi.setSystemTime(new Date(2026, 10, 30, 12, 0));
  const now = Date.now();
  const zone = ["Pacific/Kiritimati", "Pacific/Pago_Pago"].find(
    (candidate) => dayInTimeZone(now, candidate) !== toDayString(new Date()),
  )!;
  return { zone, zoneToday: dayInTimeZone(now, zone) };
}

afterEach(() => {
  vi.useRealTimers();
  document.cookie =
    "daybook-cache-key=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT";
});

/** The Today entry of the sidebar's days. */
async function sidebarToday() {
  const nav = await screen.findByRole("navigation", { name: "Days" });
  return await within(nav).findByRole("link", { name: /^Today/ });
}

test(
  "Time zone: once a zone is chosen in Settings, Today is that zone's calendar day, in the day view and the sidebar; Automatic brings back the device's",
  async () => {
    const { zone, zoneToday } = noonAndAZoneOnAnotherDay();
    const deviceToday = toDayString(new Date());
    const { user } = await renderApp();
    expect(
      await screen.findByText(`Today · ${longDate(deviceToday)}`),
    ).toBeInTheDocument();

    const dialog = await openSettings(user);
    const select = within(dialog).getByRole("combobox", { name: "Time zone" });
    await waitFor(() => expect(select).toBeEnabled());
    const place = zone.split("/")[1]!.replace("_", " ");
    await chooseTimeZone(user, select, place, new RegExp(`^${place} — `));
    await user.keyboard("{Escape}");
    await waitFor(() =>
      expect(screen.queryByRole("dialog")).not.toBeInTheDocument(),
    );

    expect(
      await screen.findByText(`Today · ${longDate(zoneToday)}`),
    ).toBeInTheDocument();
    expect(
      screen.queryByText(`Today · ${longDate(deviceToday)}`),
    ).not.toBeInTheDocument();
    await waitFor(async () =>
      expect(await sidebarToday()).toHaveTextContent(shortDate(zoneToday)),
    );
    expect(todayString()).toBe(zoneToday);

    const again = await openSettings(user);
    await chooseTimeZone(
      user,
      within(again).getByRole("combobox", { name: "Time zone" }),
      "",
      automaticOption(),
    );
    await user.keyboard("{Escape}");
    expect(
      await screen.findByText(`Today · ${longDate(deviceToday)}`),
    ).toBeInTheDocument();
    await waitFor(async () =>
      expect(await sidebarToday()).toHaveTextContent(shortDate(deviceToday)),
    );
  },
  ZONE_TEST_TIMEOUT_MS,
);

test(
  "Time zone: a chosen zone is remembered in this browser, so a reload opens on its today before the settings arrive",
  async () => {
    const { zone, zoneToday } = noonAndAZoneOnAnotherDay();
    // Set by the sign-in functions: whose memory this browser may use.
    document.cookie = "daybook-cache-key=test-user-key; path=/";
    const first = await renderApp({
      seed: (backend) =>
        backend.asUser.mutation(api.settings.setTimeZone, {
          timeZone: zone,
          source: "choice",
        }),
    });
    expect(
      await screen.findByText(`Today · ${longDate(zoneToday)}`),
    ).toBeInTheDocument();
    cleanup();

    let settings: ReturnType<typeof holdQueries> | undefined;
    await renderApp({
      backend: first.backend,
      keepStorage: true,
      seed: async (backend) => {
        settings = holdQueries(backend, "settings:get");
      },
    });
    expect(
      await screen.findByText(`Today · ${longDate(zoneToday)}`),
    ).toBeInTheDocument();
    expect(settings!.pending).toBeGreaterThan(0);
    settings!.release();
  },
  ZONE_TEST_TIMEOUT_MS,
);

test(
  "Time zone: the field searches zones by today's names or old ones, shows each with its UTC offset, and a saved old spelling shows as its new name",
  async () => {
    const { user, backend } = await renderApp({
      seed: (b) =>
        b.asUser.mutation(api.settings.setTimeZone, {
          timeZone: "Asia/Calcutta",
          source: "choice",
        }),
    });
    const dialog = await openSettings(user);
    const field = within(dialog).getByRole("combobox", { name: "Time zone" });
    await waitFor(() =>
      expect(field).toHaveDisplayValue(
        "Kolkata — India Standard Time, UTC+05:30",
      ),
    );
    expect(field).toHaveAttribute("aria-expanded", "false");

    await user.click(field);
    expect(field).toHaveAttribute("aria-expanded", "true");
    await user.type(field, "kiev");
    const list = screen.getByRole("listbox", { name: "Time zones" });
    expect(
      within(list)
        .getAllByRole("option")
        .map((option) => option.textContent),
    ).toEqual([expect.stringMatching(/^Kyiv — .*, UTC\+0[23]:00$/)]);

    // The keyboard alone: Esc closes the list and keeps the dialog.
    await user.keyboard("{Escape}");
    expect(field).toHaveAttribute("aria-expanded", "false");
    expect(screen.getByRole("dialog", { name: "Settings" })).toBeVisible();
    expect(field).toHaveFocus();
    expect(field).toHaveDisplayValue(
      "Kolkata — India Standard Time, UTC+05:30",
    );

    await user.keyboard("{Control>}a{/Control}ho chi");
    expect(field).toHaveAttribute(
      "aria-activedescendant",
      within(list).getByRole("option", { name: /^Ho Chi Minh — / }).id,
    );
    await user.keyboard("{Enter}");
    await waitFor(async () =>
      expect(
        (await backend.asUser.query(api.settings.get, {})).timeZone,
      ).toSatisfy((zone: string) =>
        ["Asia/Ho_Chi_Minh", "Asia/Saigon"].includes(zone),
      ),
    );
    expect(field).toHaveDisplayValue(/^Ho Chi Minh — .*UTC\+07:00$/);
    expect(field).toHaveAttribute("aria-expanded", "false");
  },
  ZONE_TEST_TIMEOUT_MS,
);
