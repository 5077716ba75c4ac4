"""The database schema (SQLAlchemy 2.0 ORM). Rows never leave the store package."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, BigInteger, Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class DeckRow(Base):
    __tablename__ = "decks"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text, default="")
    path: Mapped[str] = mapped_column(Text)
    # sha256 of the file bytes: an unchanged file is neither re-parsed nor re-synced
    file_hash: Mapped[str] = mapped_column(String(64), default="")
    retired: Mapped[bool] = mapped_column(Boolean, default=False)


class CardRow(Base):
    __tablename__ = "cards"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(250), unique=True)
    deck_id: Mapped[str] = mapped_column(ForeignKey("decks.id"))
    card_id: Mapped[str] = mapped_column(String(150))
    kind: Mapped[str] = mapped_column(String(20))
    topics: Mapped[list] = mapped_column(JSON)
    front: Mapped[str] = mapped_column(Text)
    back: Mapped[str] = mapped_column(Text)
    explanation: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text, default="")
    extra: Mapped[dict] = mapped_column(JSON, default=dict)  # answer, variables, key_points, drill
    content_hash: Mapped[str] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(Integer, default=0)  # order in its file
    line: Mapped[int] = mapped_column(Integer, default=0)
    # the digest and first line of the card's chunk of its file (content.deck_chunks): a start
    # after one card of a big file was edited parses that card alone. NULL: not known
    chunk_digest: Mapped[str | None] = mapped_column(String(32), nullable=True, default=None)
    chunk_line: Mapped[int | None] = mapped_column(Integer, nullable=True, default=None)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    changed_at: Mapped[datetime] = mapped_column(DateTime)

    # ix_cards_groups: the card counts per deck and topic list (store.stats) and readiness's sums
    # (store.readiness) read in order (migrations 0009, 0010)
    __table_args__ = (Index("ix_cards_deck", "deck_id", "retired"),
                      Index("ix_cards_groups", "deck_id", text("(CAST(topics AS TEXT))"), "retired", "kind"))


class CardStateRow(Base):
    __tablename__ = "card_state"

    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id"), primary_key=True)
    repetitions: Mapped[int] = mapped_column(Integer, default=0)
    easiness_pct: Mapped[int] = mapped_column(Integer, default=250)  # EF x 100, exact
    interval: Mapped[int] = mapped_column(Integer, default=0)
    due: Mapped[date | None] = mapped_column(Date, nullable=True)  # NULL: new
    needs_extra_review: Mapped[bool] = mapped_column(Boolean, default=False)
    lapses: Mapped[int] = mapped_column(Integer, default=0)
    suspended: Mapped[bool] = mapped_column(Boolean, default=False)
    buried_until: Mapped[date | None] = mapped_column(Date, nullable=True)
    introduced_on: Mapped[date | None] = mapped_column(Date, nullable=True)

    __table_args__ = (Index("ix_card_state_due", "due"), Index("ix_card_state_introduced", "introduced_on"))


class CardMemoryRow(Base):
    """A card's FSRS memory (domain.memory) after every review in its log: derived, never the
    truth. Kept in step by each grade and undo, and rebuilt from the log by migration 0005."""

    __tablename__ = "card_memory"

    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id"), primary_key=True)
    stability: Mapped[float] = mapped_column(Float)
    difficulty: Mapped[float] = mapped_column(Float)
    state: Mapped[int] = mapped_column(Integer)  # py-fsrs State: 1 learning, 2 review, 3 relearning
    step: Mapped[int | None] = mapped_column(Integer, nullable=True)
    last_review_ts: Mapped[float] = mapped_column(Float)  # POSIX seconds (readiness reads it unparsed)
    reviews: Mapped[int] = mapped_column(Integer)


class FsrsParametersRow(Base):
    """FSRS's parameters fitted to this learner (`flashdeck fsrs optimize`); no row: py-fsrs's
    defaults. One row (id 1): the collection's, on every machine that opens it."""

    __tablename__ = "fsrs_parameters"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    parameters: Mapped[list] = mapped_column(JSON)  # py-fsrs's 21 weights
    reviews: Mapped[int] = mapped_column(Integer)  # the reviews they were fitted on
    fitted_at: Mapped[datetime] = mapped_column(DateTime)  # UTC


class CalibrationSumsRow(Base):
    """What FSRS and SM-2 predicted before each review (domain.calibration), summed by the bins
    of both predictions: the stats read a hundred rows, not one per review. Derived from the
    log: each grade adds its review, an undo takes it out, store.memory.rebuild_all recomputes."""

    __tablename__ = "calibration_sums"

    fsrs_bin: Mapped[int] = mapped_column(Integer, primary_key=True)
    sm2_bin: Mapped[int] = mapped_column(Integer, primary_key=True)
    reviews: Mapped[int] = mapped_column(Integer)
    # sums of the predictions and of their log losses, in units of 1e-9 (domain.calibration.SCALE):
    # integers, so that an undo takes its review out exactly
    fsrs: Mapped[int] = mapped_column(BigInteger)
    sm2: Mapped[int] = mapped_column(BigInteger)
    recalled: Mapped[int] = mapped_column(Integer)
    fsrs_loss: Mapped[int] = mapped_column(BigInteger)
    sm2_loss: Mapped[int] = mapped_column(BigInteger)


class ReviewLogRow(Base):
    """Append-only: one row per grade. Undo deletes the row it undoes, nothing else."""

    __tablename__ = "review_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("cards.id"))
    reviewed_at: Mapped[datetime] = mapped_column(DateTime)  # UTC
    study_day: Mapped[date] = mapped_column(Date)
    quality: Mapped[int] = mapped_column(Integer)
    duration_ms: Mapped[int] = mapped_column(Integer, default=0)
    mode: Mapped[str] = mapped_column(String(20), default="review")
    reps_before: Mapped[int] = mapped_column(Integer)
    ease_before: Mapped[int] = mapped_column(Integer)
    interval_before: Mapped[int] = mapped_column(Integer)
    due_before: Mapped[date | None] = mapped_column(Date, nullable=True)
    extra_before: Mapped[bool] = mapped_column(Boolean)
    lapses_before: Mapped[int] = mapped_column(Integer)
    introduced_before: Mapped[date | None] = mapped_column(Date, nullable=True)
    reps_after: Mapped[int] = mapped_column(Integer)
    ease_after: Mapped[int] = mapped_column(Integer)
    interval_after: Mapped[int] = mapped_column(Integer)
    due_after: Mapped[date | None] = mapped_column(Date, nullable=True)
    extra_after: Mapped[bool] = mapped_column(Boolean)

    __table_args__ = (
        Index("ix_review_log_card", "card_id", "reviewed_at"),
        # covering the statistics' reads by study day (migration 0004)
        Index("ix_review_log_day_stats", "study_day", "card_id", "mode", "quality", "interval_before", "duration_ms"),
    )


class ReviewDayRow(Base):
    """The review log's rows per study day (migration 0008): derived, kept by triggers on the
    log (so every way a row comes or goes counts), read by the heatmap, streak and total.
    A day whose reviews were all undone keeps its row, at 0."""

    __tablename__ = "review_days"

    study_day: Mapped[date] = mapped_column(Date, primary_key=True)
    reviews: Mapped[int] = mapped_column(Integer)


class ReviewDayTopicsRow(Base):
    """The review log summed per study day and topic list (its JSON text, as the card groups
    group by it), migration 0010: derived, kept by triggers on the log and on cards' topics,
    read for the statistics' last 30 days. Cram grades count in `reviews` only."""

    __tablename__ = "review_day_topics"

    study_day: Mapped[date] = mapped_column(Date, primary_key=True)
    topics: Mapped[str] = mapped_column(Text, primary_key=True)
    reviews: Mapped[int] = mapped_column(Integer)
    duration_ms: Mapped[int] = mapped_column(BigInteger)  # (summed, a resumed drill's time may pass 2^31)
    mature: Mapped[int] = mapped_column(Integer)  # not cram, interval before >= 21 days
    mature_passed: Mapped[int] = mapped_column(Integer)  # of those, graded >= 3
    graded: Mapped[int] = mapped_column(Integer)  # not cram
    passed: Mapped[int] = mapped_column(Integer)  # of those, graded >= 3


class DrillAttemptRow(Base):
    """One attempt at a coding drill: code saved as it is typed, checks and hints counted.

    `finished_at` is NULL while the attempt is open (the learner left without passing or giving
    up). `review_log_id` names the grade it gave (no foreign key: undo deletes that row).
    """

    __tablename__ = "drill_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    drill_id: Mapped[str] = mapped_column(String(100))
    started_at: Mapped[datetime] = mapped_column(DateTime)  # UTC
    finished_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    code: Mapped[str] = mapped_column(Text, default="")
    checks_run: Mapped[int] = mapped_column(Integer, default=0)
    hints_shown: Mapped[int] = mapped_column(Integer, default=0)
    passed: Mapped[bool] = mapped_column(Boolean, default=False)
    gave_up: Mapped[bool] = mapped_column(Boolean, default=False)
    quality: Mapped[int | None] = mapped_column(Integer, nullable=True)
    review_log_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    mistake: Mapped[str | None] = mapped_column(Text, nullable=True)  # the last failing check's named mistake

    __table_args__ = (Index("ix_drill_attempts_drill", "drill_id", "started_at"),)


class MockSessionRow(Base):
    """One timed mock interview. `state`: running | paused | review (time over, grades being
    confirmed) | finished | abandoned. `updated_at` is when its time accounting was last saved:
    a session found `running` after that was interrupted (the gap counts as a pause)."""

    __tablename__ = "mock_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    started_at: Mapped[datetime] = mapped_column(DateTime)  # UTC
    updated_at: Mapped[datetime] = mapped_column(DateTime)  # UTC
    finished_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    minutes: Mapped[int] = mapped_column(Integer)
    seed: Mapped[int] = mapped_column(Integer)
    topics: Mapped[list] = mapped_column(JSON, default=list)  # the topics asked for ([]: all)
    no_schedule: Mapped[bool] = mapped_column(Boolean, default=False)
    state: Mapped[str] = mapped_column(String(20), default="running")
    paused_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    paused_seconds: Mapped[int] = mapped_column(Integer, default=0)
    pause_count: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (Index("ix_mock_sessions_state", "state", "started_at"),)


class MockAnswerRow(Base):
    """One question of a mock: its budget, the time used, what was typed, and its grades."""

    __tablename__ = "mock_answers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("mock_sessions.id"))
    position: Mapped[int] = mapped_column(Integer)  # question order, from 0
    card_key: Mapped[str] = mapped_column(String(250))
    kind: Mapped[str] = mapped_column(String(20))
    topics: Mapped[list] = mapped_column(JSON, default=list)
    budget_seconds: Mapped[int] = mapped_column(Integer)
    used_ms: Mapped[int] = mapped_column(Integer, default=0)
    # time handed on by earlier questions locked before their time was up (added to the budget)
    carried_ms: Mapped[int] = mapped_column(Integer, default=0)
    answer: Mapped[str] = mapped_column(Text, default="")
    auto_grade: Mapped[int | None] = mapped_column(Integer, nullable=True)  # from a checker / key points
    grade: Mapped[int | None] = mapped_column(Integer, nullable=True)  # confirmed in the review phase
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    detail: Mapped[dict] = mapped_column(JSON, default=dict)  # checker output (formula verdict, drill checks)
    review_log_id: Mapped[int | None] = mapped_column(Integer, nullable=True)  # the SM-2 grade it gave

    __table_args__ = (Index("ix_mock_answers_session", "session_id", "position", unique=True),
                      Index("ix_mock_answers_card", "card_key"))
