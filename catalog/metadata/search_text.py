"""Words for full-text search, the same for indexed text and queries, in any script.

Latin text is split into lower-case words (``station_latitude`` -> ``station latitude``) with a
light plural stemming; Japanese and Chinese text, written without spaces, is split into
overlapping character pairs (``強震動`` -> ``強震 震動``), the usual dictionary-free indexing of
CJK text, so a query finds a title whatever its word boundaries.
"""

from __future__ import annotations

import re
import unicodedata

CJK_CHARS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
WORDS = re.compile(rf"([{CJK_CHARS}]+)|([^\W_{CJK_CHARS}]+)")


def words(text: str) -> list[str]:
    """The search terms of ``text``, in order."""
    terms: list[str] = []
    for cjk, word in WORDS.findall(unicodedata.normalize("NFKC", text).lower()):
        if cjk:
            terms += [cjk] if len(cjk) == 1 else [cjk[i:i + 2] for i in range(len(cjk) - 1)]
        else:
            terms.append(_stem(word))
    return terms


def _stem(word: str) -> str:
    """Plural to singular for the common English endings (``stations`` -> ``station``)."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word
