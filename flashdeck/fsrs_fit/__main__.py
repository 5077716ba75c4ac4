"""The optimiser's child process: JSON lines `[card_id, "ISO time UTC", grade]` on stdin, the
fitted parameters as one JSON list on stdout (py-fsrs's progress bar on stderr)."""

# Lazy imports: the optimiser's packages are checked first, inside main(), so that a missing
# [optimizer] extra is one line on stdout rather than an ImportError; py-fsrs and flashdeck
# follow them.

from __future__ import annotations

import json
import sys
from datetime import datetime, timezone


def main() -> int:
    try:  # the [optimizer] extra: without it py-fsrs's Optimizer is a stand-in that only raises
        import pandas  # noqa: F401
        import torch  # noqa: F401
        import tqdm  # noqa: F401
    except ImportError as exc:
        print(json.dumps({"error": f"missing {exc.name}"}))
        return 3
    from fsrs import ReviewLog
    from fsrs.optimizer import Optimizer

    from flashdeck.domain.memory import rating

    logs = []
    for line in sys.stdin:
        card_id, at, grade = json.loads(line)
        when = datetime.fromisoformat(at).replace(tzinfo=timezone.utc)
        logs.append(ReviewLog(card_id=card_id, rating=rating(grade), review_datetime=when, review_duration=None))
    try:
        parameters = Optimizer(logs).compute_optimal_parameters(verbose=True)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - the parent says it in one line; no traceback reaches the learner
        print(json.dumps({"error": f"{type(exc).__name__}: {exc}"}))
        return 4
    print(json.dumps([float(p) for p in parameters]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
