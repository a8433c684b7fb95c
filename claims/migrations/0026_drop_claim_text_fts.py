"""Drop the two GIN indexes on claims_claim's text (0005, and 0009's published-only one): search
reads claims.retrieval's own index (0025) now, and nothing queries these, while every claim
ingestion writes still paid to maintain them. PostgreSQL only; reversible."""

from django.db import migrations

INDEXES = {
    "claims_claim_text_fts": "",
    "claims_claim_published_text_fts": " WHERE state = 'published'",
}


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def restore(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, condition in INDEXES.items():
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON claims_claim "
                f"USING gin (to_tsvector('english'::regconfig, COALESCE(text, ''))){condition}"
            )


class Migration(migrations.Migration):
    dependencies = [("claims", "0025_claim_search_lexical_index")]

    operations = [migrations.RunPython(drop, restore)]
