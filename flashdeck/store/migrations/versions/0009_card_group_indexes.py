"""indexes for the card counts read at every start: cards by deck and topic list, card states
by the day they were introduced

Revision ID: 0009
Revises: 0008

At 100,000 cards (issue 21) the card groups of the home screen and the statistics (counts per
deck and topic list) took 140 ms: every card's row was read for its topics, and the groups were
sorted in a temporary B-tree. With the cards in (deck, topic list) order in an index the groups
come out in order (60 ms). Counting the cards introduced today, for the new-card limit, read
every card state (7 ms at 100,000); an index on the day makes it a lookup.
"""

from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

# the expression as store.stats groups by it (the parentheses make it an index expression on
# PostgreSQL as well; SQLite's planner matches it to the GROUP BY either way)
GROUPS = "CREATE INDEX ix_cards_groups ON cards (deck_id, (CAST(topics AS TEXT)), retired)"


def upgrade() -> None:
    op.execute(GROUPS)
    op.create_index('ix_card_state_introduced', 'card_state', ['introduced_on'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_card_state_introduced', table_name='card_state')
    op.drop_index('ix_cards_groups', table_name='cards')
