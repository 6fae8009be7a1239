import type { ServiceConnection } from "../../../../src/clients/devops/devopsTypes";
import { connectionFacts } from "../../../../src/workflows/connections/connectionFacts";
import { badgesOf, summarize } from "../../../../src/workflows/connections/credentialStatus";
import {
  classifyIssuer,
  describeIssuer,
  federationIssuerOf,
  onRetiringIssuer,
} from "../../../../src/workflows/connections/federationIssuer";

const TENANT = "fd46b0cc-ba27-5bee-ac95-13bad50640e3";
const ORG_ID = "0f0f0f0f-0000-4000-8000-000000000001";
const ENTRA = `https://login.microsoftonline.com/${TENANT}/v2.0`;
const VSTOKEN = `https://vstoken.dev.azure.com/${ORG_ID}`;

function federated(parameters: Record<string, unknown>, environment = "AzureCloud"): ServiceConnection {
  // The document is untrusted: a parameter may be anything, so the test sends what it likes.
  return {
    id: "e1e1e1e1-0000-4000-8000-000000000002",
    name: "deploy",
    description: "",
    owner: "library",
    isShared: false,
    isReady: true,
    serviceEndpointProjectReferences: [],
    type: "azurerm",
    url: "https://management.azure.com/",
    data: { environment, scopeLevel: "Subscription", subscriptionId: "5a5a5a5a-0000-4000-8000-000000000003" },
    authorization: { scheme: "WorkloadIdentityFederation", parameters: { tenantid: TENANT, ...parameters } as Record<string, string> },
  };
}

describe("which issuer a federated connection presents", () => {
  it("reads the Entra issuer with its tenant", () => {
    expect(
      federationIssuerOf(federated({ workloadIdentityFederationIssuer: ENTRA, workloadIdentityFederationSubject: "/eid1/c/pub/x" })),
    ).toEqual({
      kind: "entra",
      issuer: ENTRA,
      subject: "/eid1/c/pub/x",
      issuerId: TENANT,
    });
  });

  it("reads the Azure DevOps issuer with its organization, whatever the parameters' case", () => {
    const info = federationIssuerOf(
      federated({ WorkloadIdentityFederationIssuer: VSTOKEN, workloadidentityfederationsubject: "sc://o/p/deploy" }),
    );
    expect(info).toEqual({ kind: "azureDevOps", issuer: VSTOKEN, subject: "sc://o/p/deploy", issuerId: ORG_ID });
    expect(describeIssuer(info!)).toBe(`the Azure DevOps issuer (retiring) (${VSTOKEN})`);
  });

  it('says "unknown" when Azure DevOps reports no issuer, never guessing one', () => {
    expect(federationIssuerOf(federated({}))).toEqual({ kind: "unknown" });
    expect(federationIssuerOf(federated({ workloadIdentityFederationIssuer: "" }))).toEqual({ kind: "unknown" });
    expect(describeIssuer({ kind: "unknown" })).toBe("an unknown issuer");
  });

  it("is undefined for a connection that does not use federation", () => {
    expect(federationIssuerOf({ ...federated({}), authorization: { scheme: "ServicePrincipal", parameters: {} } })).toBeUndefined();
  });

  it.each([
    ["a look-alike host", `https://vstoken.dev.azure.com.evil.example/${ORG_ID}`],
    ["a look-alike Entra host", `https://login.microsoftonline.com.evil.example/${TENANT}/v2.0`],
    ["plain http", `http://vstoken.dev.azure.com/${ORG_ID}`],
    ["credentials in the URL", `https://user@vstoken.dev.azure.com/${ORG_ID}`],
    ["a port", `https://vstoken.dev.azure.com:8443/${ORG_ID}`],
    ["a query", `https://vstoken.dev.azure.com/${ORG_ID}?x=1`],
    ["a fragment", `${ENTRA}#x`],
    ["an extra path segment", `${VSTOKEN}/extra`],
    ["a trailing slash on the Entra issuer", `${ENTRA}/`],
    ["no GUID", "https://vstoken.dev.azure.com/contoso"],
    ["the v1 Entra issuer", `https://sts.windows.net/${TENANT}/`],
    ["an uppercase host (not what Azure DevOps writes)", `https://VSTOKEN.dev.azure.com/${ORG_ID}`],
    ["a javascript: URL", "javascript:alert(1)"],
    ["not a URL", "vstoken"],
  ])("calls %s unknown", (_why, issuer) => {
    expect(classifyIssuer(issuer)).toEqual({ kind: "unknown" });
  });

  it("does not show a value with control characters or of unbounded length", () => {
    const hostile = federationIssuerOf(
      federated({ workloadIdentityFederationIssuer: `${VSTOKEN}\u202e\n`, workloadIdentityFederationSubject: "s".repeat(601) }),
    );
    expect(hostile).toEqual({ kind: "unknown" });
    const rtl = federationIssuerOf(federated({ workloadIdentityFederationIssuer: `https://vstoken.dev.azure.com/\u202e${ORG_ID}` }));
    expect(rtl).toEqual({ kind: "unknown" });
    // A parameter that is not a string (the document is untrusted) reads as absent.
    expect(federationIssuerOf(federated({ workloadIdentityFederationIssuer: { href: VSTOKEN } }))).toEqual({ kind: "unknown" });
  });
});

describe("the retirement warning", () => {
  it("applies to the Azure DevOps issuer in the public cloud only", () => {
    const onVstoken = federationIssuerOf(federated({ workloadIdentityFederationIssuer: VSTOKEN }));
    expect(onRetiringIssuer(onVstoken, "AzureCloud")).toBe(true);
    expect(onRetiringIssuer(onVstoken, "AzureUSGovernment")).toBe(false);
    expect(onRetiringIssuer(federationIssuerOf(federated({ workloadIdentityFederationIssuer: ENTRA })), "AzureCloud")).toBe(false);
    expect(onRetiringIssuer({ kind: "unknown" }, "AzureCloud")).toBe(false);
  });

  it("badges the connection and counts it in the summary", () => {
    const facts = connectionFacts(federated({ workloadIdentityFederationIssuer: VSTOKEN }), "p");
    const badges = badgesOf(facts, { state: "notSignedIn" }, { kind: "notApplicable" });
    expect(badges).toEqual(["federated", "retiringIssuer"]);
    expect(summarize([{ badges }, { badges: [] }], false).text).toBe(
      "2 Azure Resource Manager connections · sign in to read when their secrets expire · 1 connection to move to the Entra issuer",
    );
    const sovereign = connectionFacts(federated({ workloadIdentityFederationIssuer: VSTOKEN }, "AzureChinaCloud"), "p");
    expect(badgesOf(sovereign, { state: "notSignedIn" }, { kind: "notApplicable" })).toEqual(["federated"]);
  });
});
