"""drill attempts: the mistake the judge named in the last failing check

Revision ID: 0006
Revises: 0005

The judge names a classic mistake (issue 20); the attempt keeps the last one named, so the
drill's history says what went wrong in each attempt.
"""

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('drill_attempts') as batch:
        batch.add_column(sa.Column('mistake', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('drill_attempts') as batch:
        batch.drop_column('mistake')
