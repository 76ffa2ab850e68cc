"""The mass-deprovision guard: no run disables, transfers or deletes more Box users than allowed.

`components.program` registers one `DeprovisionGuard` (resource.py) per stack, before the Box
tenant and the Entra app, and makes them depend on it. Its provider's `check` (which the
engine runs in `pulumi preview` and before any step of `pulumi up`) compares the managed
users of the last successful run with this run's (`plan.py`), and fails with the count, the
first names and how to acknowledge the change (`verdict.py`) when there are more than
`provisioning.maxDeprovisions`, or when an assigned group that had members reads as empty.
`inputs.py` builds the guard's inputs from the desired state and the acknowledgement from
`ENTRA_BOX_ACKNOWLEDGE_DEPROVISIONS`.
"""

from components.guard.inputs import (
    ACKNOWLEDGE_VARIABLE,
    AcknowledgementError,
    acknowledged_deprovisions,
    guard_inputs,
)
from components.guard.plan import Deprovision, DeprovisionPlan, GuardInputs, plan_deprovisions
from components.guard.verdict import acknowledgement_note, guard_failure

__all__ = [
    "ACKNOWLEDGE_VARIABLE",
    "AcknowledgementError",
    "Deprovision",
    "DeprovisionPlan",
    "GuardInputs",
    "acknowledged_deprovisions",
    "acknowledgement_note",
    "guard_failure",
    "guard_inputs",
    "plan_deprovisions",
]
