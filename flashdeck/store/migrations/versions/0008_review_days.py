"""review_days: the review log's row count per study day, kept by triggers

Revision ID: 0008
Revises: 0007

The heatmap, the streak and the review total counted the log's rows on every reading: 0.18 s
of `flashdeck stats --json` at 2 million reviews (issue 21). This table holds those counts,
a few hundred rows. Triggers on the log keep it (every way a row is added or removed: a grade,
an undo, a copy between databases, several machines on one PostgreSQL), so no code path can
forget it; its rows are derived and never copied (store.copy).
"""

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

_ADD = ("INSERT INTO review_days (study_day, reviews) VALUES (NEW.study_day, 1) "
        "ON CONFLICT (study_day) DO UPDATE SET reviews = review_days.reviews + 1")
_TAKE = "UPDATE review_days SET reviews = reviews - 1 WHERE study_day = OLD.study_day"

SQLITE_TRIGGERS = (
    f"CREATE TRIGGER review_days_insert AFTER INSERT ON review_log BEGIN {_ADD}; END",
    f"CREATE TRIGGER review_days_delete AFTER DELETE ON review_log BEGIN {_TAKE}; END",
    f"CREATE TRIGGER review_days_update AFTER UPDATE OF study_day ON review_log BEGIN {_TAKE}; {_ADD}; END",
)
POSTGRES_TRIGGER = (
    f"""CREATE FUNCTION review_days_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN {_TAKE}; END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN {_ADD}; END IF;
  RETURN NULL;
END $$""",
    "CREATE TRIGGER review_days_count AFTER INSERT OR DELETE OR UPDATE OF study_day ON review_log "
    "FOR EACH ROW EXECUTE FUNCTION review_days_count()",
)


def upgrade() -> None:
    op.create_table(
        'review_days',
        sa.Column('study_day', sa.Date(), nullable=False),
        sa.Column('reviews', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('study_day'),
    )
    op.execute("INSERT INTO review_days (study_day, reviews) SELECT study_day, COUNT(*) FROM review_log GROUP BY study_day")
    for statement in (POSTGRES_TRIGGER if op.get_bind().dialect.name == "postgresql" else SQLITE_TRIGGERS):
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER review_days_count ON review_log")
        op.execute("DROP FUNCTION review_days_count()")
    else:
        for name in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER review_days_{name}")
    op.drop_table('review_days')
