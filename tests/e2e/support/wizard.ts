import type { Frame, Page } from "playwright-core";
import { expectAccessible } from "./axe";

/**
 * Drives the guided form like a person: by visible labels, roles and texts only. Given the host page, it audits every
 * page of the form it reaches (once per page title) with axe-core, in both themes.
 */
export class WizardDriver {
  private readonly audited = new Set<string>();

  constructor(
    readonly frame: Frame,
    private readonly host?: Page,
  ) {}

  async next(): Promise<void> {
    await this.frame.getByRole("button", { name: "Next", exact: true }).click();
  }

  /** Opens an azure-devops-ui Dropdown by its label and picks an option, filtering first when a filter box shows. */
  async choose(label: string, option: string): Promise<void> {
    // Its accessible name is the field's label, followed by "(required field)" for required ones.
    const name = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(\\s|\\(|$)`);
    await this.frame.getByRole("button", { name }).first().click();
    const filter = this.frame.getByPlaceholder(/^Filter/);
    if (await filter.isVisible().catch(() => false)) await filter.fill(option);
    await this.frame.getByRole("option", { name: option, exact: false }).first().click();
  }

  async signIn(): Promise<void> {
    await this.frame.getByRole("button", { name: "Sign in to Microsoft Entra ID" }).click();
    await this.frame.getByTestId("signed-in").waitFor({ timeout: 20_000 });
  }

  async page(title: string): Promise<void> {
    await this.frame.getByRole("heading", { name: title, exact: true }).waitFor();
    if (this.host && !this.audited.has(title)) {
      this.audited.add(title);
      await expectAccessible(this.host, this.frame, `guided form: ${title}`);
    }
  }
}
