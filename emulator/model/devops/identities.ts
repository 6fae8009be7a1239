import type { State } from "../state";
import { urlField } from "./conventions";

/**
 * An IdentityRef as Azure DevOps writes it (createdBy, authorizedBy). The model knows one Azure DevOps user; any
 * other id is shown with the display name it was stored with.
 */
export function identityRefView(state: State, baseUrl: string, identity: { id: string; displayName: string }): Record<string, unknown> {
  const user = state.devops.user;
  const uniqueName = identity.id === user.id ? user.uniqueName : identity.displayName;
  const descriptor = `aad.${Buffer.from(identity.id).toString("base64url")}`;
  const organization = state.devops.organization;
  return {
    displayName: identity.displayName,
    url: urlField(`https://vssps.dev.azure.com/${organization}/_apis/Identities/${identity.id}`),
    _links: urlField({ avatar: { href: `${baseUrl}/${organization}/_apis/GraphProfile/MemberAvatars/${descriptor}` } }),
    id: identity.id,
    uniqueName,
    imageUrl: urlField(`${baseUrl}/${organization}/_apis/GraphProfile/MemberAvatars/${descriptor}`),
    descriptor,
  };
}

export function currentUser(state: State): { id: string; displayName: string } {
  return { id: state.devops.user.id, displayName: state.devops.user.displayName };
}
