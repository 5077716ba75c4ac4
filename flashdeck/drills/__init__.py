"""Coding drills: the catalogue, the judge, and the calls the CLI and the TUI make.

Importing this package is light (PyYAML only): NumPy comes with the judge, torch only on the
reference side (`check_file` / `check_source` in the calling process, or inside `WarmJudge`'s
own process). The learner's code always runs in a separate sandbox process.
"""

from flashdeck.drills.catalog import Drill, DrillError, DrillNotFound, get_drill, list_drills
from flashdeck.drills.result import CaseResult, CheckResult, format_report
from flashdeck.drills.service import JudgeError, WarmJudge, check_file, check_source

__all__ = [
    "CaseResult",
    "CheckResult",
    "Drill",
    "DrillError",
    "DrillNotFound",
    "JudgeError",
    "WarmJudge",
    "check_file",
    "check_source",
    "format_report",
    "get_drill",
    "list_drills",
]
