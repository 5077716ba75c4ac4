"""card memory, calibration sums and FSRS parameters: each card's FSRS memory, and what FSRS
and SM-2 predicted before each review summed by bins, computed from the review log; and the
learner's fitted FSRS parameters (none yet: py-fsrs's defaults)

Revision ID: 0005
Revises: 0004

Readiness for the interview day reads every card's memory, and calibration the predictions;
replaying a 200,000-row log takes seconds, so both are kept beside the log and moved by each
grade (store.memory). The log stays the truth: this upgrade computes both from it
(domain.memory.derived, as store.memory.rebuild_all does), and the downgrade only drops them.
"""

from itertools import groupby

from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    memory = op.create_table('card_memory',
    sa.Column('card_id', sa.Integer(), nullable=False),
    sa.Column('stability', sa.Float(), nullable=False),
    sa.Column('difficulty', sa.Float(), nullable=False),
    sa.Column('state', sa.Integer(), nullable=False),
    sa.Column('step', sa.Integer(), nullable=True),
    sa.Column('last_review_ts', sa.Float(), nullable=False),
    sa.Column('reviews', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['card_id'], ['cards.id'], ),
    sa.PrimaryKeyConstraint('card_id')
    )
    sums = op.create_table('calibration_sums',
    sa.Column('fsrs_bin', sa.Integer(), nullable=False),
    sa.Column('sm2_bin', sa.Integer(), nullable=False),
    sa.Column('reviews', sa.Integer(), nullable=False),
    sa.Column('fsrs', sa.BigInteger(), nullable=False),
    sa.Column('sm2', sa.BigInteger(), nullable=False),
    sa.Column('recalled', sa.Integer(), nullable=False),
    sa.Column('fsrs_loss', sa.BigInteger(), nullable=False),
    sa.Column('sm2_loss', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('fsrs_bin', 'sm2_bin')
    )
    op.create_table('fsrs_parameters',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('parameters', sa.JSON(), nullable=False),
    sa.Column('reviews', sa.Integer(), nullable=False),
    sa.Column('fitted_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    # here: this revision computes with the model of the flashdeck that runs it (the older
    # revisions import nothing of flashdeck)
    from flashdeck.domain.calibration import LoggedReview
    from flashdeck.domain.memory import MemoryModel, derived  # (the same reason)

    log = sa.table('review_log', sa.column('id'), sa.column('card_id'), sa.column('reviewed_at', sa.DateTime()),
                   sa.column('quality'), sa.column('interval_before'))
    rows = op.get_bind().execute(sa.select(log.c.card_id, log.c.reviewed_at, log.c.quality, log.c.interval_before)
                                 .order_by(log.c.card_id, log.c.reviewed_at, log.c.id))
    histories = ((card_id, [LoggedReview(at, q, interval) for _, at, q, interval in group])
                 for card_id, group in groupby(rows, key=lambda row: row[0]))
    memories, totals = derived(histories, MemoryModel())
    if memories:
        op.bulk_insert(memory, memories)
    if totals:
        op.bulk_insert(sums, totals)


def downgrade() -> None:
    op.drop_table('fsrs_parameters')
    op.drop_table('calibration_sums')
    op.drop_table('card_memory')
