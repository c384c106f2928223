"""Find adapters through the ``fedcat.adapters`` entry-point group (built-ins included)."""

from __future__ import annotations

from functools import cache
from importlib.metadata import entry_points

from adapters.base import Adapter

ENTRY_POINT_GROUP = "fedcat.adapters"


class UnknownAdapterError(LookupError):
    """No adapter is registered under the requested name."""


def adapter_names() -> list[str]:
    """Names of every registered adapter, sorted."""
    return sorted({ep.name for ep in entry_points(group=ENTRY_POINT_GROUP)})


@cache
def load_adapter(name: str) -> Adapter:
    """Instantiate the adapter registered as ``name``."""
    matches = [ep for ep in entry_points(group=ENTRY_POINT_GROUP) if ep.name == name]
    if not matches:
        known = ", ".join(adapter_names()) or "none"
        raise UnknownAdapterError(f"no adapter named {name!r} (registered: {known})")
    adapter_class = matches[0].load()
    adapter = adapter_class()
    if not isinstance(adapter, Adapter):
        raise TypeError(f"entry point {name!r} does not give an adapters.base.Adapter")
    return adapter
