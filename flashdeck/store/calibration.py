"""Calibration's sums: kept by every grade and undo (store.study.add_prediction), read back in
plain SQL through a store.stats Fetch (sqlite3 on the quick way, SQLAlchemy otherwise; neither
is imported here)."""

from __future__ import annotations

from flashdeck.domain.calibration import CalibrationFigures, from_sums

_SUMS = """
SELECT fsrs_bin, sm2_bin, reviews, fsrs, sm2, recalled, fsrs_loss, sm2_loss
FROM calibration_sums WHERE reviews > 0
"""


def read(fetch) -> CalibrationFigures:
    rows = fetch(_SUMS, {})
    return from_sums(fsrs=[(fb, n, pf, y) for fb, _, n, pf, _, y, _, _ in rows],
                     sm2=[(sb, n, ps, y) for _, sb, n, _, ps, y, _, _ in rows],
                     reviews=sum(r[2] for r in rows), fsrs_loss=sum(r[6] for r in rows),
                     sm2_loss=sum(r[7] for r in rows))
