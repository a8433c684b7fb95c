"""Full-text search over claim text on PostgreSQL: a GIN index on exactly the expression that
claims.serve.selectors.search_claims queries. SQLite has no such index; search falls back to LIKE."""

from django.db import migrations

INDEX = "claims_claim_text_fts"
CREATE = (
    f"CREATE INDEX IF NOT EXISTS {INDEX} ON claims_claim "
    "USING gin (to_tsvector('english'::regconfig, COALESCE(text, '')))"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("claims", "0004_editor_and_reviewer_groups")]
    operations = [migrations.RunPython(create, drop)]
