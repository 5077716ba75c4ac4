"""mock interviews

Revision ID: 0003
Revises: 0002
"""

from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('mock_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('seed', sa.Integer(), nullable=False),
    sa.Column('topics', sa.JSON(), nullable=False),
    sa.Column('no_schedule', sa.Boolean(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('paused_at', sa.DateTime(), nullable=True),
    sa.Column('paused_seconds', sa.Integer(), nullable=False),
    sa.Column('pause_count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('mock_sessions', schema=None) as batch_op:
        batch_op.create_index('ix_mock_sessions_state', ['state', 'started_at'], unique=False)

    op.create_table('mock_answers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('card_key', sa.String(length=250), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('topics', sa.JSON(), nullable=False),
    sa.Column('budget_seconds', sa.Integer(), nullable=False),
    sa.Column('used_ms', sa.Integer(), nullable=False),
    sa.Column('carried_ms', sa.Integer(), nullable=False),
    sa.Column('answer', sa.Text(), nullable=False),
    sa.Column('auto_grade', sa.Integer(), nullable=True),
    sa.Column('grade', sa.Integer(), nullable=True),
    sa.Column('locked', sa.Boolean(), nullable=False),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.Column('review_log_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['session_id'], ['mock_sessions.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('mock_answers', schema=None) as batch_op:
        batch_op.create_index('ix_mock_answers_card', ['card_key'], unique=False)
        batch_op.create_index('ix_mock_answers_session', ['session_id', 'position'], unique=True)


def downgrade() -> None:
    with op.batch_alter_table('mock_answers', schema=None) as batch_op:
        batch_op.drop_index('ix_mock_answers_session')
        batch_op.drop_index('ix_mock_answers_card')
    op.drop_table('mock_answers')
    with op.batch_alter_table('mock_sessions', schema=None) as batch_op:
        batch_op.drop_index('ix_mock_sessions_state')
    op.drop_table('mock_sessions')
