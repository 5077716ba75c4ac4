"""review_day_topics: the review log summed per study day and topic list, kept by triggers;
the cards' group index covers their kind

Revision ID: 0010
Revises: 0009

The statistics' last 30 days (reviews and minutes per day, retention, each topic's pass rate)
were summed from the log on every reading: at 2 million reviews the window holds 165,000 rows,
and grouping them by card for the topics took 130 ms and by day 55 ms of the statistics
screen's 300 ms budget (issue 21). This table holds those sums per (study day, topic list as
text), a few hundred rows a day at most. As with review_days (0008), triggers keep it, so every
way a log row comes, goes or changes counts; a card whose topics change takes its reviews to
the new list (the figures are by a card's topics now, as they were when read from the log).
Its rows are derived and never copied (store.copy).

Readiness sums each topic list's predicted recall in the database now (store.readiness), and
tells the drills apart by the card's kind: with the kind in ix_cards_groups the cards' rows are
not read for it (62 -> 42 ms at 100,000 cards).

The sums follow store.stats's definitions: cram grades count as reviews, not as graded or
passed; a mature review is one of a card whose interval was at least MATURE_DAYS (21) before
it. tests/test_review_day_topics.py holds them to the log's own sums.
"""

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

MATURE_DAYS = 21  # domain.card_state.MATURE_DAYS when this was written (a migration does not import the app)
COLUMNS = ("reviews", "duration_ms", "mature", "mature_passed", "graded", "passed")


def _sums(r: str) -> tuple[str, ...]:
    """The columns' values for log row `r` (NEW, OLD or a table alias), in COLUMNS' order."""
    return ("1", f"{r}.duration_ms",
            f"CASE WHEN {r}.mode <> 'cram' AND {r}.interval_before >= {MATURE_DAYS} THEN 1 ELSE 0 END",
            f"CASE WHEN {r}.mode <> 'cram' AND {r}.interval_before >= {MATURE_DAYS} AND {r}.quality >= 3 THEN 1 "
            "ELSE 0 END",
            f"CASE WHEN {r}.mode <> 'cram' THEN 1 ELSE 0 END",
            f"CASE WHEN {r}.mode <> 'cram' AND {r}.quality >= 3 THEN 1 ELSE 0 END")


_NAMES = ", ".join(COLUMNS)
_UPSERT = ("ON CONFLICT (study_day, topics) DO UPDATE SET "
           + ", ".join(f"{c} = review_day_topics.{c} + excluded.{c}" for c in COLUMNS))
# one log row in or out, under its card's topics
_ADD = (f"INSERT INTO review_day_topics (study_day, topics, {_NAMES}) "
        f"SELECT NEW.study_day, CAST(c.topics AS TEXT), {', '.join(_sums('NEW'))} FROM cards c WHERE c.id = NEW.card_id "
        + _UPSERT)
_TAKE = ("UPDATE review_day_topics SET " + ", ".join(f"{c} = {c} - {v}" for c, v in zip(COLUMNS, _sums("OLD")))
         + " WHERE study_day = OLD.study_day AND topics = (SELECT CAST(c.topics AS TEXT) FROM cards c WHERE c.id = OLD.card_id)")
# a card's topics changed: all its log rows, per day, from the old list to the new one
_PER_DAY = ", ".join(f"SUM({v}) AS {c}" for c, v in zip(COLUMNS, _sums("r")))
_MOVE_OUT = ("UPDATE review_day_topics SET " + ", ".join(f"{c} = review_day_topics.{c} - x.{c}" for c in COLUMNS)
             + f" FROM (SELECT r.study_day AS study_day, {_PER_DAY} FROM review_log r WHERE r.card_id = OLD.id"
             " GROUP BY r.study_day) AS x"
             " WHERE review_day_topics.study_day = x.study_day AND review_day_topics.topics = CAST(OLD.topics AS TEXT)")
_MOVE_IN = (f"INSERT INTO review_day_topics (study_day, topics, {_NAMES}) "
            f"SELECT r.study_day, CAST(NEW.topics AS TEXT), {_PER_DAY} FROM review_log r WHERE r.card_id = NEW.id "
            "GROUP BY r.study_day " + _UPSERT)
_LOG_COLUMNS = "study_day, card_id, quality, duration_ms, mode, interval_before"  # what the sums read
_TOPICS_CHANGED = "CAST(OLD.topics AS TEXT) IS NOT CAST(NEW.topics AS TEXT)"

SQLITE_TRIGGERS = (
    f"CREATE TRIGGER review_day_topics_insert AFTER INSERT ON review_log BEGIN {_ADD}; END",
    f"CREATE TRIGGER review_day_topics_delete AFTER DELETE ON review_log BEGIN {_TAKE}; END",
    f"CREATE TRIGGER review_day_topics_update AFTER UPDATE OF {_LOG_COLUMNS} ON review_log BEGIN {_TAKE}; {_ADD}; END",
    f"CREATE TRIGGER review_day_topics_move AFTER UPDATE OF topics ON cards WHEN {_TOPICS_CHANGED} "
    f"BEGIN {_MOVE_OUT}; {_MOVE_IN}; END",
)
POSTGRES_TRIGGERS = (
    f"""CREATE FUNCTION review_day_topics_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN {_TAKE}; END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN {_ADD}; END IF;
  RETURN NULL;
END $$""",
    f"CREATE TRIGGER review_day_topics_count AFTER INSERT OR DELETE OR UPDATE OF {_LOG_COLUMNS} ON review_log "
    "FOR EACH ROW EXECUTE FUNCTION review_day_topics_count()",
    f"""CREATE FUNCTION review_day_topics_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  {_MOVE_OUT};
  {_MOVE_IN};
  RETURN NULL;
END $$""",
    f"CREATE TRIGGER review_day_topics_move AFTER UPDATE OF topics ON cards FOR EACH ROW "
    f"WHEN ({_TOPICS_CHANGED.replace(' IS NOT ', ' IS DISTINCT FROM ')}) EXECUTE FUNCTION review_day_topics_move()",
)


GROUPS = "CREATE INDEX ix_cards_groups ON cards (deck_id, (CAST(topics AS TEXT)), retired, kind)"
GROUPS_0009 = "CREATE INDEX ix_cards_groups ON cards (deck_id, (CAST(topics AS TEXT)), retired)"


def upgrade() -> None:
    op.drop_index('ix_cards_groups', table_name='cards')
    op.execute(GROUPS)
    op.create_table(
        'review_day_topics',
        sa.Column('study_day', sa.Date(), nullable=False),
        sa.Column('topics', sa.Text(), nullable=False),
        # (a drill's duration runs from the attempt's start, which a resumed attempt keeps: days, in ms)
        *(sa.Column(name, sa.BigInteger() if name == "duration_ms" else sa.Integer(), nullable=False)
          for name in COLUMNS),
        sa.PrimaryKeyConstraint('study_day', 'topics'),
    )
    op.execute(f"INSERT INTO review_day_topics (study_day, topics, {_NAMES}) "
               f"SELECT r.study_day, CAST(c.topics AS TEXT), {_PER_DAY} "
               "FROM review_log r JOIN cards c ON c.id = r.card_id GROUP BY r.study_day, CAST(c.topics AS TEXT)")
    for statement in (POSTGRES_TRIGGERS if op.get_bind().dialect.name == "postgresql" else SQLITE_TRIGGERS):
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER review_day_topics_move ON cards")
        op.execute("DROP FUNCTION review_day_topics_move()")
        op.execute("DROP TRIGGER review_day_topics_count ON review_log")
        op.execute("DROP FUNCTION review_day_topics_count()")
    else:
        for name in ("insert", "delete", "update", "move"):
            op.execute(f"DROP TRIGGER review_day_topics_{name}")
    op.drop_table('review_day_topics')
    op.drop_index('ix_cards_groups', table_name='cards')
    op.execute(GROUPS_0009)
