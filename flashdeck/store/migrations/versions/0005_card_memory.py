"""card memory: each card's FSRS stability and difficulty, replayed from the review log

Revision ID: 0005
Revises: 0004

Readiness for the interview day reads every card's memory; replaying a 200,000-row log takes
seconds, so the result is kept beside the card and moved by each grade (store.study). The log
stays the truth: this upgrade computes the table from it, and the downgrade only drops it.
"""

from itertools import groupby

from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = op.create_table('card_memory',
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
    # here: a migration reads the model of the flashdeck that runs it; the older revisions import nothing of flashdeck
    from flashdeck.domain.memory import MemoryModel, Review, memory_fields

    log = sa.table('review_log', sa.column('id'), sa.column('card_id'), sa.column('reviewed_at', sa.DateTime()),
                   sa.column('quality'))
    rows = op.get_bind().execute(sa.select(log.c.card_id, log.c.reviewed_at, log.c.quality)
                                 .order_by(log.c.card_id, log.c.reviewed_at, log.c.id))
    model, batch = MemoryModel(), []
    for card_id, group in groupby(rows, key=lambda row: row[0]):
        memory = model.replay(Review(at, quality) for _, at, quality in group)
        batch.append({"card_id": card_id, **memory_fields(memory)})
        if len(batch) >= 5000:
            op.bulk_insert(table, batch)
            batch = []
    if batch:
        op.bulk_insert(table, batch)


def downgrade() -> None:
    op.drop_table('card_memory')
