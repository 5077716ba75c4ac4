"""`flashdeck fsrs optimize`: FSRS's parameters fitted to the learner's own review log by
py-fsrs's optimiser, in a child process (flashdeck.fsrs_fit: torch stays out of this process),
stored in the collection (store.memory.store_parameters) with every card's memory replayed.

py-fsrs fits on the reviews it can score, those on a later day than the card's review before
(its own rule); with fewer than MIN_SCORED it would return its defaults, so flashdeck says so
and keeps them without starting the child at all.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from flashdeck.domain.calibration import LoggedReview, summarise
from flashdeck.domain.memory import MemoryModel, forward
from flashdeck.services.context import Context
from flashdeck.store import memory as store

MIN_SCORED = 512  # py-fsrs's mini-batch: below it, its optimiser returns the defaults
MAX_SEQUENCE = 64  # py-fsrs fits on each card's first 64 reviews only
PARAMETERS = 21  # FSRS-6


class FitFailed(Exception):
    """The optimiser could not run or gave something unusable: one line, nothing stored."""


@dataclass(frozen=True, slots=True)
class FitResult:
    reviews: int  # log rows
    scored: int  # of which py-fsrs fits on
    parameters: tuple[float, ...] | None  # None: too few reviews, defaults kept
    log_loss_before: float | None = None  # FSRS with the previous parameters, on these reviews
    log_loss_after: float | None = None  # with the fitted ones (in-sample: the reviews it was fitted on)

    def as_json(self) -> dict:
        return {"reviews": self.reviews, "scored": self.scored, "min_scored": MIN_SCORED,
                "fitted": self.parameters is not None,
                "parameters": None if self.parameters is None else list(self.parameters),
                "log_loss_before": self.log_loss_before, "log_loss_after": self.log_loss_after}


def scored(histories: Sequence[Sequence[LoggedReview]]) -> int:
    """The reviews py-fsrs's optimiser fits on: among each card's first MAX_SEQUENCE reviews,
    those on a later day than the one before (its `.days > 0`)."""
    return sum(1 for reviews in histories for a, b in zip(reviews[:MAX_SEQUENCE], reviews[1:MAX_SEQUENCE])
               if (b.at - a.at).days > 0)


def run_child(lines: list[str]) -> str:
    """The optimiser's child process: reviews in, parameters out; its progress bar on our stderr."""
    try:
        done = subprocess.run([sys.executable, "-m", "flashdeck.fsrs_fit"], input="".join(lines),
                              stdout=subprocess.PIPE, stderr=None, text=True, check=False)
    except OSError as exc:
        raise FitFailed(f"could not start the optimiser: {exc}") from None
    out = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
    if done.returncode == 3 and out:
        missing = json.loads(out).get("error", "a package")
        raise FitFailed(f"the optimiser needs py-fsrs's [optimizer] extra ({missing}): "
                        "pip install -e \".[optimizer]\"")
    if done.returncode == 4 and out:
        raise FitFailed(f"the optimiser failed: {json.loads(out).get('error', 'unknown error')}")
    if done.returncode != 0 or not out:
        raise FitFailed(f"the optimiser stopped with exit code {done.returncode}")
    return out


def optimize(ctx: Context, child: Callable[[list[str]], str] = run_child,
             say: Callable[[str], None] = lambda _: None) -> FitResult:
    with ctx.db.read() as session:
        histories = [(card_id, reviews) for card_id, reviews in store.reviews_by_card(session)]
        before = store.model_for(session)
    reviews = sum(len(r) for _, r in histories)
    count = scored([r for _, r in histories])
    if count < MIN_SCORED:
        return FitResult(reviews, count, None)
    say(f"Fitting FSRS to {reviews:,} reviews ({count:,} scored) in a child process…")
    lines = [json.dumps([card_id, r.at.isoformat(), r.grade]) + "\n" for card_id, rs in histories for r in rs]
    try:
        parameters = tuple(float(p) for p in json.loads(child(lines)))
    except (ValueError, TypeError) as exc:
        raise FitFailed(f"the optimiser gave no parameters: {exc}") from None
    if len(parameters) != PARAMETERS:
        raise FitFailed(f"the optimiser gave {len(parameters)} parameters, not {PARAMETERS}")
    if parameters == MemoryModel().parameters:  # its own answer to too little data: nothing was fitted
        return FitResult(reviews, count, None)
    say("Scoring the old and the new parameters on your reviews…")
    old, new = (_loss(histories, model) for model in (before, MemoryModel(parameters)))
    with ctx.db.write() as session:
        store.store_parameters(session, parameters, reviews, ctx.now_utc())
    return FitResult(reviews, count, parameters, old, new)


def reset(ctx: Context) -> bool:
    """Back to py-fsrs's defaults (every memory replayed). False if they were in use already."""
    with ctx.db.write() as session:
        if store.fitted_parameters(session) is None:
            return False
        store.store_parameters(session, None, 0, ctx.now_utc())
    return True


def in_use(ctx: Context) -> tuple[tuple[float, ...], bool]:
    """(the parameters the collection uses, are they fitted)."""
    with ctx.db.read() as session:
        fitted = store.fitted_parameters(session)
        return (fitted if fitted is not None else store.model_for(session).parameters), fitted is not None


def _loss(histories, model: MemoryModel) -> float | None:
    said = [p for _, reviews in histories for p in forward(reviews, model)[0] if p is not None]
    return summarise(said).fsrs_log_loss
