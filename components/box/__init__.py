"""The Box half of entra-box: dynamic providers over the official Box SDK, and the component.

`__main__.py` uses `BoxTenant` (component.py); the resources it builds are `BoxUser`
(`pulumi-python:dynamic/box:User`, user.py) and `BoxGroup` (`pulumi-python:dynamic/box:Group`,
group.py), whose providers read the `box:*` stack config in `configure` (settings.py).
"""

from components.box.component import BoxTenant, group_resource_name, user_resource_name
from components.box.group import BoxGroup, BoxGroupProvider
from components.box.user import BoxUser, BoxUserProvider
from components.box.user_inputs import BoxUserInputs

__all__ = [
    "BoxGroup",
    "BoxGroupProvider",
    "BoxTenant",
    "BoxUser",
    "BoxUserInputs",
    "BoxUserProvider",
    "group_resource_name",
    "user_resource_name",
]
