"""The judge names the mistake (issue 20): when a check fails, the drill's known wrong answers
(wrong/*.py) run on the failing cases, here in the judge's process (they are flashdeck's own,
trusted code; the learner's code never runs here), and the learner's outputs are compared with
theirs at the check's own tolerance. One variant matching on every failing case is named; two
or more that the failing cases cannot tell apart, or none, name nothing: no false claims.
A variant that behaves unlike the learner's code on a case the learner passed is not their
mistake either: the passing cases smaller than every failing one run first, the cheap way to
rule variants out before a large failing case runs them all.
"""

from __future__ import annotations

import traceback
import tracemalloc
import warnings
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

from flashdeck.drills import modules
from flashdeck.drills.case import Case, is_array, is_array_list
from flashdeck.drills.catalog import Drill
from flashdeck.drills.compare import compare
from flashdeck.drills.mistakes import MistakeHeaderError, known_mistakes
from flashdeck.drills.result import CaseResult, Diagnosis
from flashdeck.drills.sandbox_results import SandboxCase


def known_mistake(drill: Drill, cases: list[Case], ran: list[SandboxCase], results: list[CaseResult],
                  atol: float, rtol: float) -> Diagnosis | None:
    """The one known mistake the learner's code behaves like on every failing case, or None.
    A failing case agrees when the variant returns the same outputs (at the case's
    tolerance), raises the same exception with the same message, or goes over the case's
    memory budget as the learner's did. A case stopped by a limit, not run, or one whose
    input the learner changed says nothing, and then nothing is claimed.

    Case by case, smallest first, every variant still in the running: first the passing cases
    smaller than every failing one, where a variant can only drop out (its outputs unlike the
    learner's), then the failing cases. Most variants drop out on the first case at a fraction
    of a millisecond; without the passing cases, a learner who blew flash_attention's memory
    budget had all four variants run on its 1536-long case (120 ms). Once one variant alone is
    left and has agreed on ENOUGH failing cases, the rest are not run (a slow drill's largest
    case, BPE on a real text in pure Python, takes 0.4 s): the same code gets the same answer
    on any machine. A case the variant's header calls arbitrary (mistakes.Mistake.arbitrary)
    counts neither way."""
    failing = sorted((i for i, r in enumerate(results) if not r.passed), key=lambda i: _size(cases[i]))
    if not failing or not all(_comparable(ran[i]) for i in failing):
        return None
    smallest = _size(cases[failing[0]])
    passing = sorted((i for i, r in enumerate(results)
                      if r.passed and ran[i].status == "ok" and _comparable(ran[i])
                      and _size(cases[i]) < smallest), key=lambda i: _size(cases[i]))
    try:
        mistakes = known_mistakes(drill.folder, len(drill.hints()))
    except (OSError, MistakeHeaderError):
        return None  # (the drill tests report a broken header; a check goes on without it)
    running = {}
    for mistake in mistakes:
        try:
            running[mistake] = getattr(_load(mistake.path), drill.function)
        except Exception:  # noqa: BLE001, S112 - a variant that does not load matches nothing
            continue
    for i in passing:
        for mistake, function in list(running.items()):
            if cases[i].name not in mistake.arbitrary \
                    and _verdict(function, drill, cases[i], ran[i], atol, rtol) is DIFFERS:
                del running[mistake]
    agreed = dict.fromkeys(running, 0)
    for step, i in enumerate(failing):
        for mistake, function in list(running.items()):
            if cases[i].name in mistake.arbitrary:
                continue  # neither for nor against
            verdict = _verdict(function, drill, cases[i], ran[i], atol, rtol)
            if verdict is DIFFERS:
                del running[mistake]
            elif verdict is AGREES:
                agreed[mistake] += 1
        if not running:
            return None
        if step + 1 < len(failing) and len(running) == 1 and agreed[next(iter(running))] >= ENOUGH:
            break
    if len(running) != 1:
        return None
    [mistake] = running
    if agreed[mistake] < 1:
        return None
    return Diagnosis("known_mistake", mistake.name, mistake.explanation, variant=mistake.variant,
                     hint=mistake.hint)


ENOUGH = 3  # failing cases a lone variant must have agreed on to be named without the rest
AGREES, DIFFERS = "agrees", "differs"


def _verdict(function, drill: Drill, case: Case, learner: SandboxCase, atol: float, rtol: float) -> str:
    """How one variant's behaviour on one failing case compares with the learner's."""
    budget = int(case.memory_mb * 1024 * 1024) if case.memory_mb else None
    watch = budget is not None and learner.status == "error" and learner.error.get("kind") == "memory_budget"
    try:
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if watch:
                tracemalloc.start(1)  # as the sandbox measures the learner's call
            try:
                returned = function(**_copied(case.inputs))
            finally:
                peak = tracemalloc.get_traced_memory()[1] if watch else 0
                if watch:
                    tracemalloc.stop()
    except Exception as exc:  # noqa: BLE001 - the variant's own failure is what is compared
        same = learner.status == "error" and learner.error.get("kind") == "exception" \
            and learner.error.get("message") == _headline(exc)
        return AGREES if same else DIFFERS
    if watch:
        return AGREES if peak > budget else DIFFERS
    theirs = _outputs(returned, drill)
    if learner.status != "ok" or theirs is None:
        return DIFFERS
    return AGREES if _same(learner.outputs, theirs, case, atol, rtol) else DIFFERS


def _size(case: Case) -> int:
    """What a case costs to run, roughly: the elements of its arrays and the length of its
    texts, lists and dicts (a BPE drill's word counts)."""
    total = 0
    for value in case.inputs.values():
        if is_array(value):
            total += int(np.size(value))
        elif is_array_list(value):
            total += sum(int(np.size(v)) for v in value)
        elif isinstance(value, (str, bytes, list, tuple, dict)):
            total += len(value)
    return total


def _comparable(learner: SandboxCase) -> bool:
    if learner.status == "ok":
        return learner.outputs is not None and not learner.mutated
    return learner.status == "error" and learner.error is not None \
        and learner.error.get("kind") in ("exception", "memory_budget")


def _headline(exc: BaseException) -> str:
    """An exception's one line, as the sandbox reports the learner's (drills._runner)."""
    text = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    return text.splitlines()[-1] if text else type(exc).__name__


def _same(learner: list[Any], variant: list[Any], case: Case, atol: float, rtol: float) -> bool:
    atol = case.atol if case.atol is not None else atol
    rtol = case.rtol if case.rtol is not None else rtol
    for got, theirs in zip(learner, variant):
        pairs = list(zip(got, theirs)) if isinstance(theirs, list) else [(got, theirs)]
        if isinstance(theirs, list) and (not isinstance(got, list) or len(got) != len(theirs)):
            return False
        for g, t in pairs:
            if not compare(np.asarray(g), np.asarray(t), atol=atol, rtol=rtol).ok:
                return False
    return True


def _outputs(result: Any, drill: Drill) -> list[Any] | None:
    """A variant's return value as the sandbox packs the learner's (one entry per output, a
    list of arrays for a list output); None when it is not that shape of thing."""
    n = drill.n_outputs
    if n == 1:
        items = [result]
    elif isinstance(result, (tuple, list)) and len(result) == n:
        items = list(result)
    else:
        return None
    packed: list[Any] = []
    for item, is_list in zip(items, drill.list_outputs):
        if is_list:
            if not isinstance(item, (list, tuple)):
                return None
            packed.append([np.asarray(x) for x in item])
        else:
            packed.append(np.asarray(item))
    return packed


def _copied(inputs: dict[str, Any]) -> dict[str, Any]:
    """The case's inputs as the learner got them, copies: a variant may write into its own."""
    out: dict[str, Any] = {}
    for name, value in inputs.items():
        if is_array(value):
            out[name] = np.array(value, copy=True)
        elif is_array_list(value):
            out[name] = [np.array(v, copy=True) for v in value]
        else:
            out[name] = value
    return out


def _load(path: Path) -> ModuleType:
    return modules.load(path, f"flashdeck_drill_{path.parent.parent.name}_wrong_{path.stem}")
