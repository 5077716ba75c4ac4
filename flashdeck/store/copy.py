"""Copying a whole collection from one database to another (SQLite <-> PostgreSQL), table by
table in foreign-key order, and what proves the copy whole: every table's row count and the
last review, read on both sides."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection, Integer, func, select, text

from flashdeck.store.models import Base, CardRow, ReviewLogRow

# parents before children; review_days and review_day_topics are not copied: the target's
# triggers count its log in
DERIVED = {"review_days", "review_day_topics"}
TABLES = [table for table in Base.metadata.sorted_tables if table.name not in DERIVED]
_BATCH = 2000


@dataclass(frozen=True)
class LastReview:
    id: int
    card_key: str
    reviewed_at: datetime
    study_day: date
    quality: int

    def __str__(self) -> str:
        return f"#{self.id} of {self.card_key} at {self.reviewed_at:%Y-%m-%d %H:%M:%S} UTC, grade {self.quality}"


def counts(conn: Connection) -> dict[str, int]:
    return {table.name: conn.scalar(select(func.count()).select_from(table)) or 0 for table in TABLES}


def last_review(conn: Connection) -> LastReview | None:
    row = conn.execute(
        select(ReviewLogRow.id, CardRow.key, ReviewLogRow.reviewed_at, ReviewLogRow.study_day, ReviewLogRow.quality)
        .join(CardRow, CardRow.id == ReviewLogRow.card_id).order_by(ReviewLogRow.id.desc()).limit(1)
    ).first()
    return LastReview(*row) if row is not None else None


def copy_rows(source: Connection, target: Connection, totals: dict[str, int],
              progress: Callable[[str, int, int], None]) -> None:
    """Every row of every table, ids kept (the log and the attempts name cards and reviews by
    id), in batches; progress(table, rows done, rows in it) after each."""
    for table in TABLES:
        done, total = 0, totals[table.name]
        progress(table.name, 0, total)
        order = list(table.primary_key.columns)
        result = source.execution_options(stream_results=True, yield_per=_BATCH).execute(
            select(table).order_by(*order))
        for batch in result.mappings().partitions(_BATCH):
            target.execute(table.insert(), [dict(row) for row in batch])
            done += len(batch)
            progress(table.name, done, total)
    if target.dialect.name == "postgresql":
        _move_sequences(target)


def _move_sequences(conn: Connection) -> None:
    """Rows inserted with their ids leave PostgreSQL's id sequences at 1: the next grade would
    collide with review #1. Each sequence goes on from its table's largest id."""
    for table in TABLES:
        keys = list(table.primary_key.columns)
        if len(keys) != 1 or not isinstance(keys[0].type, Integer) or keys[0].foreign_keys:
            continue
        sequence = conn.scalar(text("SELECT pg_get_serial_sequence(:table, :column)"),
                               {"table": table.name, "column": keys[0].name})
        if sequence is None:
            continue
        top = conn.scalar(select(func.max(keys[0])))
        conn.execute(text("SELECT setval(:sequence, :value, :called)"),
                     {"sequence": sequence, "value": top or 1, "called": top is not None})
