"""The deprovision guard's decisions: who leaves Box in a run, and whether the run may do it.

Pure. The departures resource (`components/box/departures.py`), registered first in every
stack, records the roster of managed Box users and groups (`roster.py`, built from the
desired state by `inputs.py`), compares the last recorded roster with this run's
(`plan.py`: leavers, people set inactive, re-keys, groups removed) and carries the plan out
itself, so the limit travels with every deprovision: `verdict.py` refuses a plan above
`provisioning.maxDeprovisions`, or one in which an assigned group that had members reads as
empty, unless `ENTRA_BOX_ACKNOWLEDGE_DEPROVISIONS` gives the exact count.
"""

from components.guard.inputs import (
    ACKNOWLEDGE_VARIABLE,
    AcknowledgementError,
    acknowledged_deprovisions,
    roster_from_desired,
)
from components.guard.plan import (
    Deprovision,
    DeprovisionPlan,
    GroupRemoval,
    Rekey,
    everyone_leaves,
    plan_deprovisions,
)
from components.guard.renames import LikelyRename, likely_renames
from components.guard.roster import Roster, RosterGroup, RosterUser, from_recorded
from components.guard.verdict import acknowledgement_note, guard_failure

__all__ = [
    "ACKNOWLEDGE_VARIABLE",
    "AcknowledgementError",
    "Deprovision",
    "DeprovisionPlan",
    "GroupRemoval",
    "LikelyRename",
    "Rekey",
    "Roster",
    "RosterGroup",
    "RosterUser",
    "acknowledged_deprovisions",
    "acknowledgement_note",
    "everyone_leaves",
    "from_recorded",
    "guard_failure",
    "likely_renames",
    "plan_deprovisions",
    "roster_from_desired",
]
