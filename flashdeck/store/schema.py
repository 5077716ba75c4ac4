"""Which schema versions this flashdeck knows, without importing Alembic.

Opening an up-to-date database is then one SELECT; Alembic is imported only to migrate.
Keep in step with migrations/versions (a test checks).
"""

KNOWN_REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009", "0010")
HEAD = KNOWN_REVISIONS[-1]
