"""Drills whose reference is not one torch call (a search, a merge loop, a simulated ring) have
a reference written apart from the solution. Here both run on many seeds, in this process
(both are ours; the learner's code is never run like this), and must agree on every case."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

from flashdeck import paths
from flashdeck.drills.catalog import get_drill
from flashdeck.drills.compare import compare
from flashdeck.drills.judge import make_cases, reference_outputs

torch = pytest.importorskip("torch")

# drill id -> seeds to try (each seed redraws the drill's random cases)
INDEPENDENT = {
    "sample_token": 60, "kmeans_step": 60, "beam_search": 60, "bpe_train": 60,
    "ring_allreduce": 60, "speculative_accept": 60, "moe_router": 60, "dropout": 30,
}
PRESENT = [d for d in INDEPENDENT if (paths.bundled_drills_dir() / d / "meta.yaml").is_file()]


def _solution(drill):
    spec = importlib.util.spec_from_file_location(f"solution_{drill.id}", drill.solution_path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return getattr(module, drill.function)


def _outputs(out, n: int) -> list:
    return list(out) if n > 1 else [out]


@pytest.mark.parametrize("drill_id", PRESENT)
def test_the_solution_and_the_independent_reference_agree_on_many_seeds(drill_id):
    drill = get_drill(drill_id)
    solve = _solution(drill)
    compared = 0
    for seed in range(INDEPENDENT[drill_id]):
        cases, atol, rtol = make_cases(drill, 10_000 + seed)
        expected = reference_outputs(drill, cases)
        for case, want in zip(cases, expected):
            got = _outputs(solve(**{k: (np.array(v, copy=True) if isinstance(v, np.ndarray) else v)
                                    for k, v in case.inputs.items()}), drill.n_outputs)
            for g, e, is_list in zip(got, want, drill.list_outputs):
                pairs = zip(g, e) if is_list else [(g, e)]
                for gi, ei in pairs:
                    result = compare(np.asarray(gi), np.asarray(ei), atol=case.atol or atol, rtol=case.rtol or rtol)
                    assert result.ok, f"{drill_id} seed {10_000 + seed} case {case.name}: {result.message}"
                    compared += 1
    assert compared >= INDEPENDENT[drill_id]
