// @vitest-environment node
import { applyNameTemplate, DEFAULT_NAME_TEMPLATE } from "../../../../src/workflows/provisioning/naming";
import { validateConnectionName } from "../../../../src/workflows/provisioning/validation";
import { SCOPES } from "../../../support/provisioningForms";

/** Suggested connection names from a template such as "{organization}-{project}-{scope}". */
const values = { organization: "contoso", project: "Fabrikam Web", scope: SCOPES.Subscription };

describe("naming a connection from a template", () => {
  it("fills the default template with the organization, project and scope name", () => {
    expect(applyNameTemplate(DEFAULT_NAME_TEMPLATE, values)).toBe("contoso-Fabrikam Web-Contoso Production");
  });

  it("names each scope level by its own name, and can name the level", () => {
    expect(applyNameTemplate("{scope} ({scopeLevel})", { ...values, scope: SCOPES.ManagementGroup })).toBe(
      "Contoso Platform (ManagementGroup)",
    );
    expect(applyNameTemplate("{scope}", { ...values, scope: SCOPES.AzureMLWorkspace })).toBe("mlw-forecasting");
  });

  it("leaves an unknown placeholder as written, so the typo shows", () => {
    expect(applyNameTemplate("{organisation}-{project}", values)).toBe("{organisation}-Fabrikam Web");
  });

  it("drops commas and control characters and folds white space, so the name is always valid", () => {
    const name = applyNameTemplate("{project},   {organization}  {scope}", { ...values, project: "Web,\nApp\u0007" });
    expect(name).toBe("WebApp contoso Contoso Production");
    expect(validateConnectionName(name)).toBeUndefined();
  });

  it("keeps at most 120 characters, trimmed", () => {
    const name = applyNameTemplate("{project}", { ...values, project: `${"x".repeat(119)} yyy` });
    expect(name).toHaveLength(120);
    expect(applyNameTemplate("  {organization}  ", values)).toBe("contoso");
  });
});
