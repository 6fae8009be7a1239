import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import type { Pipeline } from "../../../../src/clients/devops/devopsTypes";
import { useAsync } from "../../../../src/hub/common/useAsync";
import { ConnectionPage } from "../../../../src/hub/wizard/pages/ConnectionPage";
import { ServiceError } from "../../../../src/platform/http/serviceError";
import { newDraft, validateDraft, type ProvisioningDraft } from "../../../../src/workflows/provisioning/draft";

const NOW = new Date("2026-11-26T12:00:00Z");
const PIPELINES: Pipeline[] = [
  { id: 11, name: "web-ci", path: "\\" },
  { id: 12, name: "web-deploy", path: "\\Deploy" },
  { id: 13, name: "infra", path: "\\Deploy\\Infra" },
];

/** The page as the wizard holds it: its draft, the project's pipelines loaded once, and the wizard's messages. */
function renderConnectionPage(
  options: { draft?: Partial<ProvisioningDraft>; allowAllPipelines?: boolean; listPipelines?: () => Promise<Pipeline[]> } = {},
) {
  const latest = {
    draft: {
      ...newDraft("AzureCloud", "72f988bf-86f1-41af-91ab-2d7cd011db47"),
      connectionName: "contoso-Fabrikam Web-Contoso Production",
      ...options.draft,
    },
  };
  const listPipelines = options.listPipelines ?? (async () => PIPELINES);
  function Host() {
    const [draft, setDraft] = useState<ProvisioningDraft>(latest.draft);
    const [pipelines, reload] = useAsync(listPipelines, "pipelines", "Listing the project's pipelines");
    latest.draft = draft;
    const errors = validateDraft(draft, NOW);
    return (
      <ConnectionPage
        draft={draft}
        update={(change) => setDraft((d) => ({ ...d, ...change }))}
        pipelines={pipelines}
        reloadPipelines={reload}
        allowAllPipelines={options.allowAllPipelines ?? false}
        errors={{
          ...(errors.connectionName ? { connectionName: errors.connectionName } : {}),
          ...(errors.connectionDescription ? { connectionDescription: errors.connectionDescription } : {}),
        }}
      />
    );
  }
  render(<Host />);
  return { user: userEvent.setup({ delay: null, skipHover: true, pointerEventsCheck: 0 }), latest };
}

const nameField = () => screen.getByRole("textbox", { name: /^Service connection name/ });

describe("the Service connection page", () => {
  it("starts from the app's name and verifies before saving", async () => {
    renderConnectionPage();
    expect(nameField()).toHaveValue("contoso-Fabrikam Web-Contoso Production");
    expect(nameField()).toHaveAccessibleDescription("How pipelines refer to the connection (azureSubscription: in YAML).");
    expect(screen.getByRole("textbox", { name: /^Description \(optional\)/ })).toHaveValue("");
    expect(screen.getByRole("checkbox", { name: "Verify the connection before saving it (recommended)" })).toHaveAttribute(
      "aria-checked",
      "true",
    );
    await screen.findByRole("checkbox", { name: "web-ci" });
  });

  it("asks for a name when it is empty", async () => {
    const { user, latest } = renderConnectionPage();
    await user.clear(nameField());
    expect(nameField()).toHaveAccessibleDescription("Enter a service connection name.");
    expect(latest.draft.connectionNameEdited).toBe(true);
    await user.type(nameField(), "   ");
    expect(nameField()).toHaveAccessibleDescription("Enter a service connection name.");
  });

  it.each(["\u200E", "\u200F", "\u061C", "\u202A", "\u202E", "\u2066", "\u2069"])(
    "refuses the bidirectional mark U+%s like other control characters, marking the field invalid",
    async (mark) => {
      const { user } = renderConnectionPage();
      expect(nameField()).not.toHaveAttribute("aria-invalid");
      await user.clear(nameField());
      await user.click(nameField());
      await user.paste(`prod${mark}-eu`);
      expect(nameField()).toHaveAccessibleDescription(
        "Remove the control characters (such as tabs, line breaks or invisible direction marks) from the name.",
      );
      expect(nameField()).toHaveAttribute("aria-invalid", "true");
    },
  );

  it("shows what the check of the typed name found as a note, not an error", () => {
    render(
      <ConnectionPage
        draft={{ ...newDraft("AzureCloud", "t"), connectionName: "prod" }}
        update={() => undefined}
        pipelines={{ status: "ready", value: [] }}
        reloadPipelines={() => undefined}
        allowAllPipelines={false}
        errors={{}}
        nameNote="No service connection you can see has this name (one you cannot see may still have it)."
      />,
    );
    expect(nameField()).toHaveAccessibleDescription(/one you cannot see may still have it/);
    expect(nameField()).not.toHaveAttribute("aria-invalid");
  });

  it("refuses a comma, and says why", async () => {
    const { user } = renderConnectionPage();
    await user.clear(nameField());
    await user.type(nameField(), "prod, eu");
    expect(nameField()).toHaveAccessibleDescription(
      "Remove the comma: Azure DevOps cannot look up a service connection whose name has one.",
    );
    await user.type(nameField(), "{Backspace>4}");
    expect(nameField()).toHaveValue("prod");
    expect(nameField()).toHaveAccessibleDescription("How pipelines refer to the connection (azureSubscription: in YAML).");
  });

  it("never cuts a pasted name silently: a longer name is kept and reported with the limit", async () => {
    const { user, latest } = renderConnectionPage({ draft: { connectionName: "x".repeat(257) } });
    // A name that came from elsewhere (a resumed run) can be too long; the message counts it.
    expect(nameField()).toHaveAccessibleDescription("Use at most 256 characters (this name has 257).");
    expect(nameField()).not.toHaveAttribute("maxlength");
    expect(screen.getByRole("textbox", { name: "Description (optional)" })).not.toHaveAttribute("maxlength");
    await user.clear(nameField());
    await user.click(nameField());
    await user.paste("y".repeat(260));
    expect(latest.draft.connectionName).toBe("y".repeat(260));
  });

  it("lets the person turn verification off", async () => {
    const { user, latest } = renderConnectionPage();
    const verify = screen.getByRole("checkbox", { name: "Verify the connection before saving it (recommended)" });
    await user.click(verify);
    expect(verify).toHaveAttribute("aria-checked", "false");
    expect(latest.draft.verify).toBe(false);
  });

  it("authorizes the pipelines the person ticks, showing their folders", async () => {
    const { user, latest } = renderConnectionPage();
    const list = await screen.findByRole("list", { name: "Pipelines" });
    expect(
      within(list)
        .getAllByRole("checkbox")
        .map((c) => c.textContent),
    ).toEqual(["web-ci", "web-deploy (Deploy)", "infra (Deploy\\Infra)"]);
    for (const box of within(list).getAllByRole("checkbox")) expect(box).toHaveAttribute("aria-checked", "false");

    await user.click(screen.getByRole("checkbox", { name: "web-deploy (Deploy)" }));
    await user.click(screen.getByRole("checkbox", { name: "web-ci" }));
    expect(latest.draft.pipelineIds).toEqual([12, 11]);
    await user.click(screen.getByRole("checkbox", { name: "web-deploy (Deploy)" }));
    expect(latest.draft.pipelineIds).toEqual([11]);
    expect(screen.getByRole("checkbox", { name: "web-ci" })).toHaveAttribute("aria-checked", "true");
  });

  it("filters a long pipeline list by name or folder", async () => {
    const many = Array.from({ length: 10 }, (_, i) => ({ id: 100 + i, name: `service-${i}`, path: i < 3 ? "\\Legacy" : "\\" }));
    const { user } = renderConnectionPage({ listPipelines: async () => many });
    const filter = await screen.findByRole("textbox", { name: /^Filter pipelines/ });
    await user.type(filter, "service-7");
    expect(
      within(screen.getByRole("list", { name: "Pipelines" }))
        .getAllByRole("checkbox")
        .map((c) => c.textContent),
    ).toEqual(["service-7"]);
    await user.clear(filter);
    await user.type(filter, "legacy");
    expect(within(screen.getByRole("list", { name: "Pipelines" })).getAllByRole("checkbox")).toHaveLength(3);
  });

  it("says so when the project has no pipelines yet", async () => {
    renderConnectionPage({ listPipelines: async () => [] });
    expect(await screen.findByText("This project has no pipelines yet.")).toBeInTheDocument();
  });

  it("when the pipelines cannot be listed, says why with Retry", async () => {
    const listPipelines = vi
      .fn<() => Promise<Pipeline[]>>()
      .mockRejectedValueOnce(new ServiceError("devops", 503, "", "Service Unavailable"))
      .mockResolvedValue(PIPELINES);
    const { user } = renderConnectionPage({ listPipelines });
    const problem = (await screen.findByText("Listing the project's pipelines failed.")).closest(".inline-problem") as HTMLElement;
    expect(problem).toHaveTextContent("Azure DevOps had a temporary failure (503)");
    await user.click(within(problem).getByRole("button", { name: "Retry" }));
    expect(await screen.findByRole("checkbox", { name: "web-ci" })).toBeInTheDocument();
  });

  it("does not offer all pipelines when the organization's settings do not allow it", async () => {
    renderConnectionPage({ allowAllPipelines: false });
    await screen.findByRole("checkbox", { name: "web-ci" });
    expect(screen.queryByRole("checkbox", { name: "Grant access permission to all pipelines" })).not.toBeInTheDocument();
  });

  it("offers all pipelines when allowed, unticked, and warns once it is ticked", async () => {
    const { user, latest } = renderConnectionPage({ allowAllPipelines: true });
    await screen.findByRole("checkbox", { name: "web-ci" });
    const all = screen.getByRole("checkbox", { name: "Grant access permission to all pipelines" });
    expect(all).toHaveAttribute("aria-checked", "false");
    expect(screen.queryByText(/This option isn't recommended/)).not.toBeInTheDocument();

    await user.click(all);
    expect(latest.draft.allPipelines).toBe(true);
    expect(
      screen.getByText(
        /This option isn't recommended: every pipeline of the project, including ones added later, could use this connection\./,
      ),
    ).toBeInTheDocument();
    // Individual pipelines no longer matter.
    expect(screen.queryByRole("list", { name: "Pipelines" })).not.toBeInTheDocument();

    await user.click(all);
    expect(screen.queryByText(/This option isn't recommended/)).not.toBeInTheDocument();
    expect(screen.getByRole("list", { name: "Pipelines" })).toBeInTheDocument();
  });
});
