"""Full-text search over published claims only, for the public search page: the same expression
as 0005's index, partial on state = 'published'. Public searches read a fifth of the matches that
the whole-table index returns, without fetching drafts' rows to throw them away."""

from django.db import migrations

INDEX = "claims_claim_published_text_fts"
CREATE = (
    f"CREATE INDEX IF NOT EXISTS {INDEX} ON claims_claim "
    "USING gin (to_tsvector('english'::regconfig, COALESCE(text, ''))) WHERE state = 'published'"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("claims", "0008_claim_published_newest_index")]
    operations = [migrations.RunPython(create, drop)]
