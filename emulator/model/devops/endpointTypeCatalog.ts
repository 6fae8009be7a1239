/**
 * The service endpoint types the emulated organization knows: azurerm (what the hub creates), plus generic and
 * the classic "azure" type that the official REST examples use. Small, but shaped like the real catalogue
 * (`GET _apis/serviceendpoint/types`). Lengths, patterns and required-when rules are the emulator's guesses; the
 * real catalogue is the authority, which is why the hub must read it at run time.
 */
export type InputMode = "textBox" | "passwordBox" | "combo" | "textArea";
export type InputDataType = "string" | "guid" | "uri";

export interface InputSpec {
  id: string;
  name: string;
  description: string;
  inputMode: InputMode;
  dataType: InputDataType;
  isConfidential?: boolean;
  isRequired?: boolean;
  /** Required only when another input of the same group has one of these values (its default when absent). */
  requiredWhen?: { input: string; oneOf: string[] };
  maxLength?: number;
  pattern?: string;
  patternMismatchErrorMessage?: string;
  possibleValues?: string[];
  defaultValue?: string;
  /** Written by the service, never by the caller (e.g. the federation subject). */
  isReadOnly?: boolean;
}

export interface AuthSchemeSpec {
  scheme: string;
  displayName: string;
  inputs: InputSpec[];
}

export interface EndpointTypeSpec {
  name: string;
  displayName: string;
  description: string;
  /** The url a new endpoint gets when it names none; "" means the caller must give one. */
  defaultUrl: string;
  /** For azurerm: the url follows data.environment. */
  urlByEnvironment?: Record<string, string>;
  endpointUrlDisplayName: string;
  inputs: InputSpec[];
  schemes: AuthSchemeSpec[];
  dataSources: Array<{ name: string; endpointUrl: string; resultSelector: string }>;
}

const GUID_PATTERN = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
const GUID_MESSAGE = "Enter a GUID such as 00000000-0000-0000-0000-000000000000.";

function guidInput(id: string, name: string, description: string, extra: Partial<InputSpec> = {}): InputSpec {
  return {
    id,
    name,
    description,
    inputMode: "textBox",
    dataType: "guid",
    pattern: GUID_PATTERN,
    patternMismatchErrorMessage: GUID_MESSAGE,
    ...extra,
  };
}

function textInput(id: string, name: string, description: string, extra: Partial<InputSpec> = {}): InputSpec {
  return { id, name, description, inputMode: "textBox", dataType: "string", ...extra };
}

const ARM_URLS: Record<string, string> = {
  AzureCloud: "https://management.azure.com/",
  AzureUSGovernment: "https://management.usgovcloudapi.net/",
  AzureChinaCloud: "https://management.chinacloudapi.cn/",
};

const SUBSCRIPTION_SCOPES = { input: "scopeLevel", oneOf: ["Subscription", "AzureMLWorkspace"] };
const MANAGEMENT_GROUP_SCOPE = { input: "scopeLevel", oneOf: ["ManagementGroup"] };
const ML_SCOPE = { input: "scopeLevel", oneOf: ["AzureMLWorkspace"] };

const AZURE_RM: EndpointTypeSpec = {
  name: "azurerm",
  displayName: "Azure Resource Manager",
  description: "Service connection for Azure Resource Manager",
  defaultUrl: ARM_URLS["AzureCloud"]!,
  urlByEnvironment: ARM_URLS,
  endpointUrlDisplayName: "Environment URL",
  inputs: [
    textInput("environment", "Environment", "Azure cloud the connection targets.", {
      inputMode: "combo",
      possibleValues: Object.keys(ARM_URLS),
      defaultValue: "AzureCloud",
    }),
    textInput("scopeLevel", "Scope level", "Scope the connection is granted at.", {
      inputMode: "combo",
      possibleValues: ["Subscription", "ManagementGroup", "AzureMLWorkspace"],
      defaultValue: "Subscription",
    }),
    guidInput("subscriptionId", "Subscription Id", "Id of the Azure subscription.", { requiredWhen: SUBSCRIPTION_SCOPES }),
    textInput("subscriptionName", "Subscription Name", "Display name of the Azure subscription.", {
      requiredWhen: SUBSCRIPTION_SCOPES,
      maxLength: 255,
    }),
    textInput("managementGroupId", "Management Group Id", "Id of the management group.", {
      requiredWhen: MANAGEMENT_GROUP_SCOPE,
      maxLength: 90,
      pattern: "^[A-Za-z0-9_().-]+$",
      patternMismatchErrorMessage: "A management group id has letters, digits, '-', '_', '(', ')' and '.' only.",
    }),
    textInput("managementGroupName", "Management Group Name", "Display name of the management group.", {
      requiredWhen: MANAGEMENT_GROUP_SCOPE,
      maxLength: 255,
    }),
    textInput("resourceGroupName", "Resource Group", "Resource group of the Machine Learning workspace.", {
      requiredWhen: ML_SCOPE,
      maxLength: 90,
    }),
    textInput("mlWorkspaceName", "Machine Learning Workspace", "Name of the Machine Learning workspace.", {
      requiredWhen: ML_SCOPE,
      maxLength: 255,
    }),
    textInput("mlWorkspaceLocation", "Machine Learning Workspace Location", "Azure region of the workspace.", {
      requiredWhen: ML_SCOPE,
      maxLength: 64,
    }),
    textInput("creationMode", "Creation mode", "Whether Azure DevOps created the service principal.", {
      inputMode: "combo",
      possibleValues: ["Automatic", "Manual"],
      defaultValue: "Manual",
    }),
  ],
  schemes: [
    {
      scheme: "ServicePrincipal",
      displayName: "Service principal (manual)",
      inputs: [
        guidInput("tenantid", "Tenant ID", "Microsoft Entra tenant of the service principal.", { isRequired: true }),
        guidInput("serviceprincipalid", "Service Principal Id", "Application (client) id of the app registration.", { isRequired: true }),
        textInput("authenticationType", "Credential", "Secret or certificate.", {
          inputMode: "combo",
          possibleValues: ["spnKey", "spnCertificate"],
          defaultValue: "spnKey",
        }),
        textInput("serviceprincipalkey", "Service principal key", "Client secret value of the app registration.", {
          inputMode: "passwordBox",
          isConfidential: true,
          requiredWhen: { input: "authenticationType", oneOf: ["spnKey"] },
        }),
        textInput("servicePrincipalCertificate", "Certificate", "PEM certificate with its private key.", {
          inputMode: "textArea",
          isConfidential: true,
          requiredWhen: { input: "authenticationType", oneOf: ["spnCertificate"] },
        }),
      ],
    },
    {
      scheme: "WorkloadIdentityFederation",
      displayName: "Workload identity federation (manual)",
      inputs: [
        guidInput("tenantid", "Tenant ID", "Microsoft Entra tenant of the service principal.", { isRequired: true }),
        guidInput("serviceprincipalid", "Service Principal Id", "Application (client) id of the app registration.", { isRequired: true }),
        textInput("workloadIdentityFederationIssuer", "Issuer", "Issuer Azure DevOps presents; set by Azure DevOps.", { isReadOnly: true }),
        textInput("workloadIdentityFederationSubject", "Subject identifier", "Subject Azure DevOps presents; set by Azure DevOps.", {
          isReadOnly: true,
        }),
        // The endpoint type's own description (public dumps of the azurerm type); values per issuerMove.ts.
        textInput(
          "workloadIdentityFederationIssuerType",
          "Issuer type",
          "The type of the Workload Identity Federation issuer that will appear in the issuer claim of the client assertion token.",
          {},
        ),
      ],
    },
    {
      scheme: "ManagedServiceIdentity",
      displayName: "Managed identity",
      inputs: [guidInput("tenantid", "Tenant ID", "Microsoft Entra tenant of the managed identity.", { isRequired: true })],
    },
  ],
  dataSources: [
    {
      name: "TestConnection",
      endpointUrl:
        "{{{endpoint.url}}}{{#if endpoint.managementGroupId}}providers/Microsoft.Management/managementGroups/{{{endpoint.managementGroupId}}}{{else}}subscriptions/{{{endpoint.subscriptionId}}}{{/if}}?api-version=2016-06-01",
      resultSelector: "jsonpath:$.id",
    },
  ],
};

const GENERIC: EndpointTypeSpec = {
  name: "generic",
  displayName: "Generic",
  description: "Generic service connection",
  defaultUrl: "",
  endpointUrlDisplayName: "Server URL",
  inputs: [],
  schemes: [
    {
      scheme: "UsernamePassword",
      displayName: "Username and Password",
      inputs: [
        textInput("username", "Username", "Username for the server."),
        textInput("password", "Password/Token Key", "Password or token for the server.", {
          inputMode: "passwordBox",
          isConfidential: true,
        }),
      ],
    },
  ],
  dataSources: [],
};

const AZURE_CLASSIC: EndpointTypeSpec = {
  name: "azure",
  displayName: "Azure Classic",
  description: "Service connection for Azure Classic (Service Management)",
  defaultUrl: "https://management.core.windows.net/",
  endpointUrlDisplayName: "Management URL",
  inputs: [
    textInput("environment", "Environment", "Azure cloud.", {
      inputMode: "combo",
      possibleValues: ["AzureCloud"],
      defaultValue: "AzureCloud",
    }),
  ],
  schemes: [
    {
      scheme: "Certificate",
      displayName: "Certificate Based",
      inputs: [
        textInput("certificate", "Management Certificate", "Publish settings certificate.", {
          inputMode: "textArea",
          isConfidential: true,
          isRequired: true,
        }),
      ],
    },
    {
      scheme: "UsernamePassword",
      displayName: "Credentials",
      inputs: [
        textInput("username", "Username", "Work or school account.", { isRequired: true }),
        textInput("password", "Password", "Password of the account.", { inputMode: "passwordBox", isConfidential: true, isRequired: true }),
      ],
    },
  ],
  dataSources: [],
};

export const ENDPOINT_TYPES: readonly EndpointTypeSpec[] = [AZURE_RM, GENERIC, AZURE_CLASSIC];

/** Type names compare case-insensitively ("AzureRM" in the official example is "azurerm"). */
export function findEndpointType(name: string | undefined): EndpointTypeSpec | undefined {
  if (!name) return undefined;
  return ENDPOINT_TYPES.find((t) => t.name.toLowerCase() === name.toLowerCase());
}

export function findScheme(type: EndpointTypeSpec, scheme: string | undefined): AuthSchemeSpec | undefined {
  if (!scheme) return undefined;
  return type.schemes.find((s) => s.scheme.toLowerCase() === scheme.toLowerCase());
}

export function isAzureRm(typeName: string): boolean {
  return typeName.toLowerCase() === AZURE_RM.name;
}
