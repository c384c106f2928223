"""The node's configuration file, ``fedcat.toml``."""

from __future__ import annotations

import re
import tomllib
from datetime import UTC, datetime
from pathlib import Path

import tomli_w
from pydantic import BaseModel, Field, field_validator

from adapters.base import AccessLevel

CONFIG_FILE = "fedcat.toml"
NODE_NAME = re.compile(r"^[a-z][a-z0-9_]{0,62}$")


class DatasetSettings(BaseModel):
    """Per-dataset settings a node operator may override."""

    access: AccessLevel | None = None
    title: str | None = None
    description: str | None = None
    keywords: list[str] | None = None
    license: str | None = None


class NodeConfig(BaseModel):
    """What ``fedcat.toml`` holds."""

    name: str
    institution: str = ""
    license: str | None = None
    """Licence IRI of the node's data where an adapter declares none."""
    created: str = Field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    datasets: dict[str, DatasetSettings] = Field(default_factory=dict)

    @field_validator("name")
    @classmethod
    def _valid_name(cls, name: str) -> str:
        if not NODE_NAME.match(name):
            raise ValueError(
                f"node name {name!r} must start with a lower-case letter and hold only "
                "lower-case letters, digits and '_' (it becomes the SQL schema name)"
            )
        return name

    @classmethod
    def load(cls, node_dir: Path) -> NodeConfig:
        """Read ``fedcat.toml`` from ``node_dir``."""
        with open(node_dir / CONFIG_FILE, "rb") as handle:
            return cls.model_validate(tomllib.load(handle))

    def save(self, node_dir: Path) -> None:
        """Write ``fedcat.toml`` into ``node_dir`` (atomically)."""
        target = node_dir / CONFIG_FILE
        partial = target.with_suffix(".toml.tmp")
        partial.write_text(tomli_w.dumps(self.model_dump(exclude_none=True)))
        partial.replace(target)
