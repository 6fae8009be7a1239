import type { ServiceResponse } from "../core/http";
import { respondList, urlField, wireEnum, type WireEnum } from "./conventions";
import type { DevopsContext } from "./context";
import {
  ENDPOINT_TYPES,
  type AuthSchemeSpec,
  type EndpointTypeSpec,
  type InputDataType,
  type InputMode,
  type InputSpec,
} from "./endpointTypeCatalog";

const INPUT_MODES: Record<InputMode, WireEnum> = {
  textBox: wireEnum("textBox", 10),
  passwordBox: wireEnum("passwordBox", 20),
  combo: wireEnum("combo", 30),
  textArea: wireEnum("textArea", 60),
};

const DATA_TYPES: Record<InputDataType, WireEnum> = {
  string: wireEnum("string", 10),
  guid: wireEnum("guid", 40),
  uri: wireEnum("uri", 50),
};

/** A FormInput.InputDescriptor; a required-when rule shows as isRequired plus a visibleRule, as in the real catalogue. */
function inputDescriptorView(input: InputSpec): Record<string, unknown> {
  const visibleRule = input.requiredWhen ? `${input.requiredWhen.input} = ${input.requiredWhen.oneOf.join(" || ")}` : undefined;
  return {
    id: input.id,
    name: input.name,
    description: input.description,
    groupName: "",
    inputMode: INPUT_MODES[input.inputMode],
    isConfidential: input.isConfidential ?? false,
    useInDefaultDescription: false,
    hasDynamicValueInformation: false,
    dependencyInputIds: input.requiredWhen ? [input.requiredWhen.input] : [],
    valueHint: "",
    properties: visibleRule ? { visibleRule } : {},
    validation: {
      dataType: DATA_TYPES[input.dataType],
      isRequired: input.isRequired === true || input.requiredWhen !== undefined,
      ...(input.maxLength !== undefined ? { maxLength: input.maxLength } : {}),
      ...(input.pattern !== undefined
        ? { pattern: input.pattern, patternMismatchErrorMessage: input.patternMismatchErrorMessage ?? "" }
        : {}),
    },
    values: {
      defaultValue: input.defaultValue ?? "",
      possibleValues: (input.possibleValues ?? []).map((v) => ({ value: v, displayValue: v })),
      isLimitedToPossibleValues: input.possibleValues !== undefined,
      isDisabled: false,
      isReadOnly: input.isReadOnly ?? false,
    },
  };
}

function schemeView(scheme: AuthSchemeSpec): Record<string, unknown> {
  return {
    scheme: scheme.scheme,
    displayName: scheme.displayName,
    inputDescriptors: scheme.inputs.map(inputDescriptorView),
    authorizationHeaders: [],
    clientCertificates: [],
    dataSourceBindings: [],
    properties: {},
    requiresOAuth2Configuration: false,
  };
}

function endpointTypeView(type: EndpointTypeSpec, schemes: AuthSchemeSpec[]): Record<string, unknown> {
  return {
    name: type.name,
    displayName: type.displayName,
    description: type.description,
    endpointUrl: {
      displayName: type.endpointUrlDisplayName,
      value: type.defaultUrl,
      isVisible: type.urlByEnvironment ? "false" : "true",
      helpText: "",
      ...(type.urlByEnvironment
        ? { dependsOn: { input: "environment", map: Object.entries(type.urlByEnvironment).map(([key, value]) => ({ key, value })) } }
        : {}),
    },
    authenticationSchemes: schemes.map(schemeView),
    inputDescriptors: type.inputs.map(inputDescriptorView),
    dataSources: type.dataSources.map((d) => ({ ...d, requestVerb: "GET", headers: [], requestContent: "", resourceUrl: "" })),
    dependencyData: [],
    helpMarkDown: "",
    iconUrl: urlField(`https://cdn.vsassets.io/endpoint-icons/${type.name}.png`),
    isHidden: false,
    trustedHosts: [],
    uiContributionId: "",
  };
}

/** GET /{org}/_apis/serviceendpoint/types?type=&scheme= (ServiceEndpointRestClient.getServiceEndpointTypes). */
export function listEndpointTypes(ctx: DevopsContext): ServiceResponse {
  const typeFilter = ctx.req.query.get("type")?.toLowerCase();
  const schemeFilter = ctx.req.query.get("scheme")?.toLowerCase();
  const views: unknown[] = [];
  for (const type of ENDPOINT_TYPES) {
    if (typeFilter && type.name.toLowerCase() !== typeFilter) continue;
    const schemes = schemeFilter ? type.schemes.filter((s) => s.scheme.toLowerCase() === schemeFilter) : type.schemes;
    if (schemeFilter && schemes.length === 0) continue;
    views.push(endpointTypeView(type, schemes));
  }
  return respondList(ctx.wire, views);
}
