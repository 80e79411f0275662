import type { Page } from "playwright-core";

/**
 * The one place that knows how the app shows who is signed in, so a UI
 * change means one edit here. It accepts the account menu of the full app
 * ("Account menu for <name>", where an email-only user's name is the email)
 * and the minimal shell's "Signed in as <email>" with its Sign out button.
 */
export class DaybookPage {
  constructor(
    readonly page: Page,
    private readonly email: string,
  ) {}

  get signInButton() {
    return this.page
      .getByRole("button", { name: "Sign in", exact: true })
      .first();
  }

  private get accountMenuButton() {
    return this.page.getByRole("button", {
      name: `Account menu for ${this.email}`,
    });
  }

  /** Visible exactly while the app shows this user as signed in. */
  get signedInIndicator() {
    return this.accountMenuButton.or(
      this.page.getByText(`Signed in as ${this.email}`),
    );
  }

  async signOut() {
    if (await this.accountMenuButton.isVisible()) {
      // The menu loads lazily; until then its trigger is a plain button
      // without aria-expanded, and a click on it opens nothing.
      await this.page
        .getByRole("button", {
          name: `Account menu for ${this.email}`,
          expanded: false,
        })
        .click();
      await this.page.getByRole("menuitem", { name: "Sign out" }).click();
    } else {
      await this.page.getByRole("button", { name: "Sign out" }).click();
    }
  }
}
