"""drill attempts

Revision ID: 0002
Revises: 0001
"""

from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('drill_attempts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('drill_id', sa.String(length=100), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.Column('code', sa.Text(), nullable=False),
    sa.Column('checks_run', sa.Integer(), nullable=False),
    sa.Column('hints_shown', sa.Integer(), nullable=False),
    sa.Column('passed', sa.Boolean(), nullable=False),
    sa.Column('gave_up', sa.Boolean(), nullable=False),
    sa.Column('quality', sa.Integer(), nullable=True),
    sa.Column('review_log_id', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('drill_attempts', schema=None) as batch_op:
        batch_op.create_index('ix_drill_attempts_drill', ['drill_id', 'started_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('drill_attempts', schema=None) as batch_op:
        batch_op.drop_index('ix_drill_attempts_drill')
    op.drop_table('drill_attempts')
