"""The full-text index under search.Entry.terms: SQLite FTS5 or PostgreSQL's GIN tsvector index.

Both index the same ASCII terms (search.terms), so they give the same answers. The index is
created after every migrate (also by the test runner, which builds tables without migrations),
and SQLite's is kept in step with the table by triggers, whatever writes the rows.
"""

from django.db.models import BooleanField
from django.db.models.expressions import RawSQL

SQLITE_INDEX = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_entry_fts USING fts5("
    "terms, content='search_entry', content_rowid='id', tokenize='unicode61')",
    "CREATE TRIGGER IF NOT EXISTS search_entry_fts_insert AFTER INSERT ON search_entry BEGIN "
    "INSERT INTO search_entry_fts(rowid, terms) VALUES (new.id, new.terms); END",
    "CREATE TRIGGER IF NOT EXISTS search_entry_fts_delete AFTER DELETE ON search_entry BEGIN "
    "INSERT INTO search_entry_fts(search_entry_fts, rowid, terms) "
    "VALUES ('delete', old.id, old.terms); END",
    "CREATE TRIGGER IF NOT EXISTS search_entry_fts_update AFTER UPDATE ON search_entry BEGIN "
    "INSERT INTO search_entry_fts(search_entry_fts, rowid, terms) "
    "VALUES ('delete', old.id, old.terms); "
    "INSERT INTO search_entry_fts(rowid, terms) VALUES (new.id, new.terms); END",
]
POSTGRESQL_INDEX = [
    "CREATE INDEX IF NOT EXISTS search_entry_terms_fts ON search_entry "
    "USING GIN (to_tsvector('simple', terms))",
]


def ensure_index(connection):
    """Create the full-text index where it is missing (rows already there are indexed)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'search_entry_fts'")
            existed = cursor.fetchone() is not None
            for statement in SQLITE_INDEX:
                cursor.execute(statement)
            if not existed:
                cursor.execute("INSERT INTO search_entry_fts(search_entry_fts) VALUES ('rebuild')")
        elif connection.vendor == "postgresql":
            for statement in POSTGRESQL_INDEX:
                cursor.execute(statement)


def matching(queryset, connection, terms):
    """`queryset` (of search.Entry) narrowed to the entries holding every term of `terms`
    (ASCII words), in one query: on PostgreSQL a condition its GIN index answers, on SQLite
    the ids its FTS5 table gives."""
    if connection.vendor == "postgresql":
        condition = RawSQL(
            "to_tsvector('simple', search_entry.terms) @@ to_tsquery('simple', %s)",
            [" & ".join(terms)],
            output_field=BooleanField(),
        )
        return queryset.alias(matches=condition).filter(matches=True)
    ids = RawSQL(
        "SELECT rowid FROM search_entry_fts WHERE search_entry_fts MATCH %s",
        [" AND ".join(f'"{term}"' for term in terms)],
    )
    return queryset.filter(pk__in=ids)
