import type { Frame } from "playwright-core";

/** Drives the guided form like a person: by visible labels, roles and texts only. */
export class WizardDriver {
  constructor(readonly frame: Frame) {}

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
  }
}
