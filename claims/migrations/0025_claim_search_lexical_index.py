"""The lexical index retrieval ranks with, one a database engine, both stemmed:

- PostgreSQL: a GIN index on to_tsvector('english', document), ranked by ts_rank_cd;
- SQLite: an FTS5 table (porter stemmer over unicode61 tokens), ranked by bm25().

claims.retrieval.lexical writes and reads them; `index_claims` rebuilds both from the entries.
"""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS claim_search_document_fts ON claims_claimsearchentry "
            "USING GIN (to_tsvector('english', document))"
        )
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS claims_claimsearch_fts "
            "USING fts5(document, tokenize='porter unicode61')"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS claim_search_document_fts")
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS claims_claimsearch_fts")


class Migration(migrations.Migration):
    dependencies = [("claims", "0024_claim_search")]

    operations = [migrations.RunPython(create, drop)]
