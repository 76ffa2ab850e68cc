"""The entra-box policy pack's entry point: `pulumi preview --policy-pack policies` runs it.

Only builds the pack (`policies.pack` holds its contents): constructing a `PolicyPack`
starts the analyzer's gRPC server and blocks, so tests never import this module.
"""

from pulumi_policy import PolicyPack

from policies.pack import PACK_ENFORCEMENT, PACK_NAME, POLICIES

PolicyPack(name=PACK_NAME, policies=list(POLICIES), enforcement_level=PACK_ENFORCEMENT)
