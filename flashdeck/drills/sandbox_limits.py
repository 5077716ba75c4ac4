"""The limits one sandbox run is held to. No NumPy here: a usage error is reported without
importing it."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    time_limit: float = 10.0  # seconds of wall time for the whole sandbox run
    memory_mb: int = 2048  # address space (RLIMIT_AS); NumPy itself needs ~150 MiB
    output_cap: int = 64 * 1024  # bytes of stdout and of stderr kept
    file_mb: int = 256  # largest file the sandbox may write (RLIMIT_FSIZE)

    MAX_TIME_LIMIT = 300.0

    def __post_init__(self) -> None:
        if not (isinstance(self.time_limit, (int, float)) and math.isfinite(self.time_limit)
                and 0 < self.time_limit <= self.MAX_TIME_LIMIT):
            raise ValueError(f"time limit must be a number of seconds in (0, "
                             f"{self.MAX_TIME_LIMIT:g}], got {self.time_limit!r}")
        if not (isinstance(self.memory_mb, int) and 64 <= self.memory_mb <= 1 << 20):
            raise ValueError(f"memory limit must be whole MiB from 64, got {self.memory_mb!r}")

    @property
    def cpu_seconds(self) -> int:
        return int(self.time_limit) + 1
