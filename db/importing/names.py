"""Telling whether a firm's name is close to another's: the possible duplicate an import asks
about before registering a firm whose credit code is new.

Names are compared after normalising what offices write differently: full-width and
half-width forms (NFKC), spaces, 有限责任公司 and 有限公司, a （上海） or 上海 placed before or
inside the name. Two names are close when their normalised forms are equal, or when
rapidfuzz's ratio of the two is at least CLOSE; the fuzzy comparison runs within a block of
names that share their first two normalised characters (exact matches are found across all).
"""

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz, process

CLOSE = 90
_SPACES = re.compile(r"\s+")
_PLACE = re.compile(r"\(上海\)|上海市|^上海")
_FORMS = (("股份有限公司", "股份公司"), ("有限责任公司", "有限公司"))


def normalised(name: str) -> str:
    text = _SPACES.sub("", unicodedata.normalize("NFKC", name))
    text = _PLACE.sub("", text)
    for long, short in _FORMS:
        text = text.replace(long, short)
    return text.lower()


@dataclass(frozen=True)
class KnownFirm:
    enterprise_id: int | None  # None: a firm registered earlier in the same file
    zone_id: int
    name: str
    uscc: str


class NameIndex:
    """The firms' names, to find a close one quickly."""

    def __init__(self) -> None:
        self._exact: dict[str, list[KnownFirm]] = defaultdict(list)
        self._blocks: dict[str, list[str]] = defaultdict(list)

    def add(self, firm: KnownFirm) -> None:
        key = normalised(firm.name)
        if not key:
            return
        if key not in self._exact:
            self._blocks[key[:2]].append(key)
        self._exact[key].append(firm)

    def close_to(self, name: str, uscc: str) -> KnownFirm | None:
        """A firm with another credit code whose name is close to `name`, or None."""
        key = normalised(name)
        if not key:
            return None
        found = [f for f in self._exact.get(key, ()) if f.uscc != uscc]
        if found:
            return found[0]
        block = self._blocks.get(key[:2], ())
        for candidate, _score, _index in process.extract(
                key, block, scorer=fuzz.ratio, score_cutoff=CLOSE, limit=3):
            others = [f for f in self._exact[candidate] if f.uscc != uscc]
            if others:
                return others[0]
        return None
