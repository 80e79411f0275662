import { render, screen, within } from "@testing-library/react";
import { afterEach, expect, test, vi } from "vitest";
import { readAppConfig } from "@/config/env";
import { Root } from "./Root";

const page = {
  origin: "https://daybook.example",
  hostname: "daybook.example",
  port: "",
  protocol: "https:",
};

afterEach(() => vi.restoreAllMocks());

test("a build without configuration shows the setup page listing what to set, with no console errors", async () => {
  const errors = vi.spyOn(console, "error");
  const warnings = vi.spyOn(console, "warn");
  render(<Root config={readAppConfig({ PROD: true }, page)} />);

  expect(
    await screen.findByRole("heading", { name: "Daybook needs setting up" }),
  ).toBeVisible();
  const items = within(screen.getByRole("list")).getAllByRole("listitem");
  expect(items.map((item) => item.querySelector("code")?.textContent)).toEqual([
    "VITE_CONVEX_URL",
    "VITE_WORKOS_CLIENT_ID",
  ]);
  expect(items[0]).toHaveTextContent("npx convex dev");
  expect(items[1]).toHaveTextContent("WorkOS dashboard");
  expect(screen.queryByRole("button", { name: "Sign in" })).toBeNull();
  expect(errors).not.toHaveBeenCalled();
  expect(warnings).not.toHaveBeenCalled();
});

test("a build missing only the WorkOS client id names only that variable", async () => {
  render(
    <Root
      config={readAppConfig(
        { PROD: true, VITE_CONVEX_URL: "https://x.convex.cloud" },
        page,
      )}
    />,
  );
  const list = await screen.findByRole("list");
  expect(within(list).getAllByRole("listitem")).toHaveLength(1);
  expect(list).toHaveTextContent("VITE_WORKOS_CLIENT_ID");
});
