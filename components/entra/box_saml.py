"""What Box documents for SAML single sign-on with Microsoft Entra ID, as constants.

Used by `components.entra.component` to configure the Box enterprise app. Sources:
- "Microsoft Entra single sign-on (SSO) integration with Box" (MicrosoftDocs/entra-docs,
  docs/identity/saas-apps/box-tutorial.md): identifier `box.net` (a fixed string, so only one
  Box instance per tenant), reply URL `https://sso.services.box.net/sp/ACS.saml2`, sign-on
  URL `https://<SUBDOMAIN>.account.box.com`, and "the default Unique User Identifier is
  user.userprincipalname but Box expects the user's email address (user.mail)".
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

BOX_SAML_IDENTIFIER: Final = "box.net"
BOX_SAML_REPLY_URL: Final = "https://sso.services.box.net/sp/ACS.saml2"
PREFERRED_SSO_MODE: Final = "saml"
# The Entra attribute Box expects as the SAML NameID (the "Unique User Identifier").
BOX_NAME_ID_SOURCE_ATTRIBUTE: Final = "mail"
NAME_ID_CLAIM_TYPE: Final = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier"


def box_claims_mapping_definition() -> str:
    """The claims-mapping policy that makes the NameID the user's `mail`, basic claims kept."""
    policy = {
        "ClaimsMappingPolicy": {
            "Version": 1,
            "IncludeBasicClaimSet": "true",
            "ClaimsSchema": [
                {
                    "Source": "user",
                    "ID": BOX_NAME_ID_SOURCE_ATTRIBUTE,
                    "SamlClaimType": NAME_ID_CLAIM_TYPE,
                }
            ],
        }
    }
    return json.dumps(policy, separators=(",", ":"), sort_keys=True)
