"""Check ``insertion`` digests against the files they point to.

An insertion's ``uri`` is percent-encoded and relative to the document (or a ``file:`` URI); its
``hash`` is hex (either case) or base64, and ``method`` names the algorithm (``SHA256``,
``sha-256``, an xmlenc URI...). Without ``method`` the algorithm follows from the digest length.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import unquote, urlsplit

from .model import Hash, Insertion

Locator = Callable[[str], Path | None]
"""Maps a decoded relative path (as written in the document) to a local file, or ``None``."""

Status = Literal["ok", "mismatch", "missing", "remote", "bad-hash"]

_BY_SIZE = {16: "md5", 20: "sha1", 28: "sha224", 32: "sha256", 48: "sha384", 64: "sha512"}
_NAMES = {
    "sha3224": "sha3_224",
    "sha3256": "sha3_256",
    "sha3384": "sha3_384",
    "sha3512": "sha3_512",
}
_HEX = re.compile(r"[0-9a-fA-F]+")


def algorithm_name(method: str | None) -> str | None:
    """The :mod:`hashlib` name for a ``method`` attribute (``None`` when absent or unknown)."""
    if not method:
        return None
    name = re.sub(r"[^a-z0-9]", "", method.rpartition("#")[2].lower())
    name = _NAMES.get(name, name)
    return name if name in hashlib.algorithms_available else None


def expected_digest(hash_: Hash) -> tuple[str, bytes]:
    """The algorithm and digest bytes a :class:`Hash` states; :class:`ValueError` if unreadable."""
    text = hash_.value.strip()
    algorithm = algorithm_name(hash_.method)
    if hash_.method and algorithm is None:
        raise ValueError(f"unknown hash method {hash_.method!r}")
    sizes = [hashlib.new(algorithm).digest_size] if algorithm else list(_BY_SIZE)
    if _HEX.fullmatch(text) and len(text) // 2 in sizes and len(text) % 2 == 0:
        digest = bytes.fromhex(text)
    else:
        try:
            digest = base64.b64decode(text, validate=True)
        except binascii.Error:
            raise ValueError(f"digest {text[:20]!r}... is neither hex nor base64") from None
        if len(digest) not in sizes:
            raise ValueError(
                f"digest of {len(digest)} bytes does not fit {algorithm or 'any known algorithm'}"
            )
    return algorithm or _BY_SIZE[len(digest)], digest


def local_path(uri: str) -> str | None:
    """The decoded path of a relative or ``file:`` URI; ``None`` for other schemes (http, ...)."""
    parts = urlsplit(uri.strip())
    if parts.scheme not in ("", "file") or (parts.scheme == "" and parts.netloc):
        return None
    return unquote(parts.path)


def directory_locator(base: str | Path) -> Locator:
    """A :data:`Locator` resolving paths against the document's directory ``base``."""
    root = Path(base)

    def locate(path: str) -> Path | None:
        candidate = root / path
        return candidate if candidate.is_file() else None

    return locate


def file_digest(path: Path, algorithm: str) -> bytes:
    """The digest of a file's bytes, read in chunks."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, algorithm).digest()


@dataclass(frozen=True)
class InsertionCheck:
    """The outcome for one insertion: ``status``, the file checked, the digests compared (hex)."""

    insertion: Insertion
    status: Status
    detail: str
    file: Path | None = None
    expected: str | None = None
    actual: str | None = None


def check_insertion(insertion: Insertion, locate: Locator) -> InsertionCheck:
    """Compare an insertion's digest with the digest of the file its URI names."""
    try:
        algorithm, expected = expected_digest(insertion.hash)
    except ValueError as exc:
        return InsertionCheck(insertion, "bad-hash", str(exc))
    path = local_path(insertion.uri)
    if path is None:
        return InsertionCheck(
            insertion, "remote", f"{insertion.uri!r} is not a local file; digest not checked"
        )
    found = locate(path)
    if found is None:
        return InsertionCheck(insertion, "missing", f"{path!r} not found; digest not checked")
    actual = file_digest(found, algorithm)
    status: Status = "ok" if actual == expected else "mismatch"
    detail = (
        f"{algorithm} matches"
        if status == "ok"
        else f"{algorithm} of {path!r} is {actual.hex()}, document says {expected.hex()}"
    )
    return InsertionCheck(insertion, status, detail, found, expected.hex(), actual.hex())
