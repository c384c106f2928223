"""Find adapters through the ``fedcat.adapters`` entry-point group (built-ins included)."""

from __future__ import annotations

from functools import cache
from importlib import import_module
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


def import_path(adapter: Adapter) -> str:
    """``module:Class`` of an adapter, so another process can build the same adapter."""
    cls = type(adapter)
    return f"{cls.__module__}:{cls.__qualname__}"


@cache
def adapter_from_import_path(path: str) -> Adapter:
    """Instantiate the adapter class at ``module:Class`` (once per process)."""
    module_name, _, class_name = path.partition(":")
    return getattr(import_module(module_name), class_name)()
