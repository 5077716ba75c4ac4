"""'Did you mean ...?' for an id the learner typed: one wording for every unknown id (decks,
topics, drills), in the CLI and in deck files alike. Pure: difflib only."""

from __future__ import annotations

from difflib import SequenceMatcher, get_close_matches
from typing import Iterable

MAX_SUGGESTIONS = 3
CUTOFF = 0.6  # difflib's default
NEAR_BEST = 0.05


def close_ids(typed: str, known: Iterable[str]) -> list[str]:
    """The known ids the learner most likely meant: every id that starts with what was typed
    ('llm' -> 'llm.pretraining', 'llm.finetuning', ...), else difflib's closest match (a typo
    like 'transfomer') and up to two more as close as it."""
    known = list(dict.fromkeys(known))
    if len(typed) >= 2:  # a track ('llm') or an id cut short: every id it starts, not a guess among them
        started = [k for k in known if k.startswith(typed)]
        if started:
            return started
    matches = get_close_matches(typed, known, n=MAX_SUGGESTIONS, cutoff=CUTOFF)
    if not matches:
        return []
    # only the near-best: 'transfomer.atention' means attention, not every transformer.* id
    best = _ratio(typed, matches[0])
    return [m for m in matches if _ratio(typed, m) >= best - NEAR_BEST]


def _ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b).ratio()  # what get_close_matches ranks by


def did_you_mean(typed: str, known: Iterable[str]) -> str:
    """"did you mean 'a'?" / "did you mean 'a', 'b' or 'c'?", or "" when nothing is close."""
    matches = close_ids(typed, known)
    if not matches:
        return ""
    quoted = [f"'{m}'" for m in matches]
    return "did you mean " + (quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]) + "?"


def unknown_id(kind: str, typed: str, known: Iterable[str], *, list_known: bool = True) -> str:
    """One line: "unknown deck 'transfomer' — did you mean 'transformer'?"; with nothing close,
    the known ids ("unknown deck 'zzz' (known: alpha, beta)") unless list_known is False."""
    known = list(dict.fromkeys(known))
    suggestion = did_you_mean(typed, known)
    if suggestion:
        return f"unknown {kind} '{typed}' — {suggestion}"
    if not list_known:
        return f"unknown {kind} '{typed}'"
    return f"unknown {kind} '{typed}' (known: {', '.join(known) or 'none'})"


def unknown_ids(kind: str, typed: Iterable[str], known: Iterable[str]) -> str:
    """unknown_id for each of several unknown ids, joined with '; ' (still one line)."""
    known = list(known)
    return "; ".join(unknown_id(kind, t, known) for t in dict.fromkeys(typed))
