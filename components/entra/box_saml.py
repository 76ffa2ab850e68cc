"""What Box documents for SAML single sign-on with Microsoft Entra ID, as constants.

Used by `components.entra.component` to configure the Box enterprise app. Sources:
- "Microsoft Entra single sign-on (SSO) integration with Box" (MicrosoftDocs/entra-docs,
  docs/identity/saas-apps/box-tutorial.md): identifier `box.net` (a fixed string, so only one
  Box instance per tenant), reply URL `https://sso.services.box.net/sp/ACS.saml2`, sign-on
  URL `https://<SUBDOMAIN>.account.box.com`, and "the default Unique User Identifier is
  user.userprincipalname but Box expects the user's email address (user.mail)". Box matches
  the NameID against the Box login, so entra-box sends the attribute the login is mapped
  from (`provisioning.mappings.login`, `userPrincipalName` by default), not `mail`: people
  whose mail differs from their login, or who have no mail, could not sign in otherwise.
- "Configure SAML-based single sign-on for your application using the Microsoft Graph API"
  (microsoftgraph/microsoft-graph-docs-contrib, concepts/application-saml-sso-configure-api.md):
  the same portal steps as API calls (preferredSingleSignOnMode, identifierUris, web
  redirectUris, a claims-mapping policy, addTokenSigningCertificate).
- "Customize claims emitted in tokens ... using PowerShell" (entra-docs,
  docs/identity-platform/claims-customization-powershell.md): a claims-mapping policy
  supersedes the admin center's Attributes & Claims for that app.
"""

from __future__ import annotations

import json
from typing import Final

from components.entra.errors import EntraSpecError

BOX_SAML_IDENTIFIER: Final = "box.net"
BOX_SAML_REPLY_URL: Final = "https://sso.services.box.net/sp/ACS.saml2"
PREFERRED_SSO_MODE: Final = "saml"
NAME_ID_CLAIM_TYPE: Final = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier"
# Graph attribute name -> the claims-mapping policy's `ID` for `"Source": "user"` (Entra's
# "Claims mapping policy type" reference lists them in lower case). Only attributes a Box
# login can sensibly come from.
_CLAIM_SOURCE_IDS: Final = {
    "userPrincipalName": "userprincipalname",
    "mail": "mail",
    "onPremisesUserPrincipalName": "onpremisesuserprincipalname",
    "onPremisesSamAccountName": "onpremisessamaccountname",
    "mailNickname": "mailnickname",
    "employeeId": "employeeid",
}


def name_id_source(login_attribute: str) -> str:
    """The claims-mapping `ID` of the attribute the Box login is mapped from.

    Raises `EntraSpecError` for an attribute a claims-mapping policy cannot emit.
    """
    try:
        return _CLAIM_SOURCE_IDS[login_attribute]
    except KeyError:
        raise EntraSpecError(
            f"provisioning.mappings.login: {login_attribute!r} cannot be sent as the SAML NameID "
            f"(Box matches it against the login); use one of {sorted(_CLAIM_SOURCE_IDS)}."
        ) from None


def box_claims_mapping_definition(login_attribute: str = "userPrincipalName") -> str:
    """The claims-mapping policy whose NameID is the login's source attribute, basic claims kept."""
    policy = {
        "ClaimsMappingPolicy": {
            "Version": 1,
            "IncludeBasicClaimSet": "true",
            "ClaimsSchema": [
                {
                    "Source": "user",
                    "ID": name_id_source(login_attribute),
                    "SamlClaimType": NAME_ID_CLAIM_TYPE,
                }
            ],
        }
    }
    return json.dumps(policy, separators=(",", ":"), sort_keys=True)
