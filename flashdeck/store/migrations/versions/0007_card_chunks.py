"""cards: the digest and first line of each card's chunk of its deck file

Revision ID: 0007
Revises: 0006

A start after editing one card of a 100,000-card file parsed the whole file (issue 21); with
each card's chunk digest kept, it parses the changed chunks alone. Existing rows start NULL
(unknown): the next sync of their file parses it whole and fills them in.
"""

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('cards') as batch:
        batch.add_column(sa.Column('chunk_digest', sa.String(length=32), nullable=True))
        batch.add_column(sa.Column('chunk_line', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('cards') as batch:
        batch.drop_column('chunk_line')
        batch.drop_column('chunk_digest')
