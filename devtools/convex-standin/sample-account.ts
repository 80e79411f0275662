import type { SeedUser } from "./standin";

/** `YYYY-MM-DD` in this machine's time zone, `daysAgo` days back. */
function localDay(daysAgo: number): string {
  const date = new Date();
  date.setDate(date.getDate() - daysAgo);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

async function must(
  user: SeedUser,
  udfPath: string,
  args: Record<string, string | string[]>,
) {
  const outcome = await user.mutation(udfPath, args);
  if (!outcome.success) {
    throw new Error(`Seeding ${udfPath} failed: ${outcome.errorMessage}`);
  }
}

/**
 * A few days of ordinary use, written through the app's own mutations so
 * every summary row and count is what the app itself would keep.
 */
export async function seedSampleAccount(user: SeedUser): Promise<void> {
  const today = localDay(0);
  const yesterday = localDay(1);
  const lastWeek = localDay(6);

  await must(user, "todos:createMany", {
    day: today,
    lines: [
      "# Morning",
      "Reply to Sam about the offsite",
      "[x] Water the plants",
      "# Afternoon",
      "Draft the quarterly report",
      "Book the dentist",
    ],
  });
  await must(user, "notes:create", {
    day: today,
    title: "Report outline",
    body: "## Sections\n\n1. Highlights\n2. **Numbers**\n3. Next quarter\n\n- [ ] ask finance for figures",
  });
  await must(user, "todos:createMany", {
    day: yesterday,
    lines: ["[x] Groceries", "[x] Call the bank", "Return the library books"],
  });
  await must(user, "days:setLabel", { day: yesterday, label: "Errands" });
  await must(user, "todos:createMany", {
    day: lastWeek,
    lines: ["[x] Plan the garden", "[x] Pay the invoice"],
  });
  await must(user, "notes:create", {
    day: lastWeek,
    title: "Garden ideas",
    body: "Tomatoes by the fence, herbs near the door.",
  });
}
