"""`Case`: one set of inputs for a drill, written by a drill's cases.py.

This module imports nothing heavy: drill authors build the arrays with NumPy themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Case:
    """One call of the learner's function.

    inputs: keyword arguments the learner's function receives, by name: NumPy arrays, or plain
        Python scalars / None / strings for parameters (``axis=-1``, ``mask=None``).
    extras: values only the reference sees (for example the logits ``x`` behind ``y =
        softmax(x)`` in a backward drill). Never sent to the learner's process.
    seed: the seed the inputs were drawn with (shown in failure reports), None if fixed data.
    note: what the case probes, shown when it fails ("logits of ±1000: needs max-subtraction").
    atol / rtol: tolerance overrides for this case (None: the drill's or the judge's default).
    memory_mb: a memory budget, in MiB, for the learner's call on this case (None: only the
        run's address-space limit). The sandbox measures the peak of what the call allocates
        (NumPy arrays and Python objects, not the inputs) and fails the case above it: how a
        drill like flash_attention checks that the scores were computed tile by tile.
    """

    name: str
    inputs: dict[str, Any]
    seed: int | None = None
    extras: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    atol: float | None = None
    rtol: float | None = None
    memory_mb: float | None = None

    def __post_init__(self) -> None:
        if self.memory_mb is not None and not (
            isinstance(self.memory_mb, (int, float)) and 0 < self.memory_mb < 1 << 20
        ):
            raise ValueError(f"case {self.name}: memory_mb must be a positive number of MiB, "
                             f"got {self.memory_mb!r}")

    def arrays(self) -> dict[str, Any]:
        """Inputs that are arrays."""
        return {k: v for k, v in self.inputs.items() if is_array(v)}

    def array_lists(self) -> dict[str, list[Any]]:
        """Inputs that are lists of arrays (e.g. the gradients of several parameters)."""
        return {k: list(v) for k, v in self.inputs.items() if is_array_list(v)}

    def params(self) -> dict[str, Any]:
        """Everything else: plain Python values, sent as JSON."""
        return {
            k: v for k, v in self.inputs.items() if not is_array(v) and not is_array_list(v)
        }

    def describe_inputs(self) -> dict[str, Any]:
        """name -> shape (a list) for arrays, a list of shapes for array lists, else the value."""
        out: dict[str, Any] = {}
        for k, v in self.inputs.items():
            if is_array(v):
                out[k] = list(v.shape)
            elif is_array_list(v):
                out[k] = [list(a.shape) for a in v]
            else:
                out[k] = v
        return out


def is_array(v: Any) -> bool:
    return hasattr(v, "shape") and hasattr(v, "dtype")


def is_array_list(v: Any) -> bool:
    return isinstance(v, (list, tuple)) and len(v) > 0 and all(is_array(a) for a in v)
