"""Keyed pseudonyms for participant identifiers.

A participant ID (a VCF sample name, a table's identifier column) is replaced by
HMAC-SHA256(node secret, ID), kept to its first 128 bits as 32 hex digits. Within one node
the same ID always gets the same pseudonym, so a participant's genotypes and phenotypes
join; a node with another secret gives unrelated pseudonyms, so two nodes cannot link
people without both keys.

The secret comes from the environment variable ``FEDCAT_NODE_SECRET``: the adapter protocol
gives adapters no node, and an environment variable reaches the harvest's worker processes
unchanged. It must stay the same for every harvest of a node (a new secret re-keys every
pseudonym) and is never stored in the node.
"""

from __future__ import annotations

import hmac
import os
from collections.abc import Iterable

import pyarrow as pa

from adapters.base import ParseError

SECRET_ENV = "FEDCAT_NODE_SECRET"
MIN_SECRET_CHARS = 16
PSEUDONYM_HEX_DIGITS = 32


def node_secret() -> bytes:
    """The node's pseudonymisation key; a :class:`ParseError` saying what to do when unset."""
    secret = os.environ.get(SECRET_ENV, "")
    if len(secret) < MIN_SECRET_CHARS:
        problem = "is not set" if not secret else f"is shorter than {MIN_SECRET_CHARS} characters"
        raise ParseError(
            f"{SECRET_ENV} {problem}: individual-level data are stored under keyed pseudonyms "
            f"(HMAC-SHA256 with the node's secret). Set it to a long random value, e.g. "
            f"`python -c 'import secrets; print(secrets.token_hex(32))'`, and keep it the same "
            f"for every harvest of this node"
        )
    return secret.encode()


def pseudonymise(identifiers: Iterable[str], secret: bytes) -> pa.Array:
    """The pseudonym of each identifier, as a string array."""
    return pa.array(
        [hmac.digest(secret, identifier.encode(), "sha256").hex()[:PSEUDONYM_HEX_DIGITS]
         for identifier in identifiers],
        pa.string(),
    )
