"""Which key points a typed answer mentions: a hint for self-grading, never a verdict."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SPACE = re.compile(r"[\s\-_/]+")


def _normal(text: str) -> str:
    # "Top-p", "top p" and "top_p" should all count as the same phrasing
    return " " + _SPACE.sub(" ", text.lower()).strip() + " "


@dataclass(frozen=True, slots=True)
class PointCoverage:
    phrasings: tuple[str, ...]
    matched: str | None  # the phrasing found in the answer, if any

    @property
    def covered(self) -> bool:
        return self.matched is not None


def coverage(key_points: tuple[tuple[str, ...], ...], answer: str) -> list[PointCoverage]:
    text = _normal(answer)
    result = []
    for phrasings in key_points:
        found = next((p for p in phrasings if _normal(p).strip() in text), None)
        result.append(PointCoverage(tuple(phrasings), found))
    return result
