import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { SecretPage } from "../../../../src/hub/wizard/pages/SecretPage";
import { newDraft, validateDraft, type ProvisioningDraft } from "../../../../src/workflows/provisioning/draft";

const NOW = new Date("2026-11-26T12:00:00Z");

/** The page with the wizard's validation, as shown once the person chose Next. */
function renderSecretPage(initial: Partial<ProvisioningDraft> = {}) {
  const latest = {
    draft: { ...newDraft("AzureCloud", "72f988bf-86f1-41af-91ab-2d7cd011db47"), credential: "secret" as const, ...initial },
  };
  function Host() {
    const [draft, setDraft] = useState(latest.draft);
    latest.draft = draft;
    const errors = validateDraft(draft, NOW);
    return (
      <SecretPage
        draft={draft}
        update={(change) => setDraft((d) => ({ ...d, ...change }))}
        now={NOW}
        errors={{
          ...(errors.secretDescription ? { secretDescription: errors.secretDescription } : {}),
          ...(errors.secretExpiry ? { secretExpiry: errors.secretExpiry } : {}),
        }}
      />
    );
  }
  render(<Host />);
  return { user: userEvent.setup({ delay: null, skipHover: true, pointerEventsCheck: 0 }), latest };
}

const expires = () => screen.getByRole("button", { name: /^Expires/ });

describe("the Authentication page, with a client secret", () => {
  it("starts with a described secret that lasts the recommended 180 days, and says when it expires", () => {
    renderSecretPage();
    expect(screen.getByRole("textbox", { name: /^Description/ })).toHaveValue("Azure DevOps service connection");
    expect(expires()).toHaveValue("180 days (6 months, recommended)");
    expect(expires()).toHaveAccessibleDescription("The secret expires on 2027-05-25. Rotate it from the Connections tab before then.");
    // The secret itself is never on this page.
    expect(screen.queryByText(/secret value/i)).not.toBeInTheDocument();
  });

  it("offers the portal's presets and a custom date", async () => {
    const { user, latest } = renderSecretPage();
    await user.click(expires());
    expect(screen.getAllByRole("option").map((o) => o.textContent)).toEqual([
      "90 days (3 months)",
      "180 days (6 months, recommended)",
      "365 days (12 months)",
      "545 days (18 months)",
      "730 days (24 months)",
      "Custom date",
    ]);
    await user.click(screen.getByRole("option", { name: "365 days (12 months)" }));
    expect(latest.draft.secretLifetime).toBe(365);
    expect(expires()).toHaveValue("365 days (12 months)");
    expect(expires()).toHaveAccessibleDescription("The secret expires on 2027-11-26. Rotate it from the Connections tab before then.");
  });

  it("a custom date asks for the date and says when it is in the past", async () => {
    const { user, latest } = renderSecretPage();
    expect(screen.queryByRole("textbox", { name: /^Expiry date/ })).not.toBeInTheDocument();
    await user.click(expires());
    await user.click(screen.getByRole("option", { name: "Custom date" }));
    expect(latest.draft.secretLifetime).toBe("custom");

    const date = screen.getByRole("textbox", { name: /^Expiry date \(yyyy-mm-dd\)/ });
    expect(date).toHaveAccessibleDescription("Choose a valid expiry date.");
    await user.click(date);
    await user.paste("2026-11-01");
    expect(date).toHaveAccessibleDescription("Choose a date at least one day from now.");
    // The message sits under the date, not twice.
    expect(expires()).not.toHaveAccessibleDescription("Choose a date at least one day from now.");
  });

  it("a custom date more than two years away is refused with a reason", async () => {
    const { user } = renderSecretPage({ secretLifetime: "custom" });
    const date = screen.getByRole("textbox", { name: /^Expiry date \(yyyy-mm-dd\)/ });
    await user.click(date);
    await user.paste("2029-01-15");
    expect(date).toHaveAccessibleDescription("Choose a date at most two years from now.");
  });

  it("a good custom date is accepted and shown as the expiry", async () => {
    const { user, latest } = renderSecretPage({ secretLifetime: "custom" });
    const date = screen.getByRole("textbox", { name: /^Expiry date \(yyyy-mm-dd\)/ });
    await user.click(date);
    await user.paste(" 2027-05-31 ");
    expect(latest.draft.secretCustomDate).toBe("2027-05-31");
    expect(date).not.toHaveAccessibleDescription(/Choose/);
    expect(expires()).toHaveAccessibleDescription("The secret expires on 2027-05-31. Rotate it from the Connections tab before then.");
  });

  it("typing a date one character at a time, or an impossible date, is a message, not a crash", async () => {
    const { user } = renderSecretPage({ secretLifetime: "custom" });
    const date = screen.getByRole("textbox", { name: /^Expiry date \(yyyy-mm-dd\)/ });
    await user.type(date, "2027-0");
    expect(date).toHaveAccessibleDescription("Choose a valid expiry date.");
    await user.clear(date);
    await user.paste("2027-02-30");
    expect(date).toHaveAccessibleDescription("Choose a valid expiry date.");
  });

  it("asks for a description so the secret can be recognized later", async () => {
    const { user } = renderSecretPage();
    const description = screen.getByRole("textbox", { name: /^Description/ });
    await user.clear(description);
    expect(description).toHaveAccessibleDescription("Enter a description, so the secret can be recognized later.");
    await user.paste("Deploys from Fabrikam Web");
    expect(description).toHaveAccessibleDescription("How the secret is listed under Certificates & secrets.");
  });
});

describe("the Authentication page's choice: how pipelines authenticate", () => {
  const federationRadio = () => screen.getByRole("radio", { name: /^Workload identity federation/ });
  const secretRadio = () => screen.getByRole("radio", { name: "Client secret" });

  it("recommends and starts on workload identity federation where the cloud offers it, with no secret field", () => {
    const { latest } = renderSecretPage({ credential: newDraft("AzureCloud", "t").credential });
    expect(screen.getByRole("radiogroup", { name: "How pipelines authenticate" })).toBeInTheDocument();
    expect(federationRadio()).toHaveAttribute("aria-checked", "true");
    expect(screen.queryByRole("textbox", { name: /^Description/ })).not.toBeInTheDocument();
    expect(screen.getByText(/no secret to leak, rotate or let expire/)).toBeInTheDocument();
    expect(screen.getByText(/for clouds without federation and for multi-tenant app registrations/)).toBeInTheDocument();
    expect(latest.draft.credential).toBe("federation");
  });

  it("shows the secret's fields once Client secret is chosen, and validates them only then", async () => {
    const { user, latest } = renderSecretPage({ credential: "federation", secretDescription: "" });
    expect(validateDraft(latest.draft, NOW).secretDescription).toBeUndefined();
    await user.click(secretRadio());
    expect(latest.draft.credential).toBe("secret");
    expect(screen.getByRole("textbox", { name: /^Description/ })).toBeInTheDocument();
    expect(validateDraft(latest.draft, NOW).secretDescription).toBeDefined();
  });

  it("starts on the secret, with federation disabled and the reason said, in a cloud without federation", () => {
    const draft = newDraft("AzureChinaCloud", "t");
    expect(draft.credential).toBe("secret");
    renderSecretPage({ cloudId: "AzureChinaCloud", credential: draft.credential });
    expect(federationRadio()).toHaveAttribute("aria-disabled", "true");
    expect(screen.getByText(/not available in Azure operated by 21Vianet: use a client secret/)).toBeInTheDocument();
  });

  it("offers only the secret for a multi-tenant app registration, and says why", () => {
    const { latest } = renderSecretPage({ signInAudience: "AzureADMultipleOrgs", credential: "secret" });
    expect(federationRadio()).toHaveAttribute("aria-disabled", "true");
    expect(screen.getByText(/A multi-tenant app registration authenticates with a client secret/)).toBeInTheDocument();
    // A draft that still says federation (chosen before the audience changed) is refused with the same reason.
    expect(validateDraft({ ...latest.draft, credential: "federation" }, NOW).credential).toMatch(/multi-tenant/);
  });
});
