"""Drop single-column foreign-key indexes that a composite index already leads with.

Each one only cost writes: ingestion inserts about 36 appearances, 20 claims, 200 anchors and 30
sketch values an article, and every index is one more insertion per row. The composite indexes
serve the same lookups (PostgreSQL and SQLite both use a leading column).

AlterField with db_index=False would drop and re-add each foreign-key constraint, which on a
large table re-validates every row under a lock; only the indexes need to go, so the database
side is plain DROP INDEX (the names are the same on PostgreSQL and SQLite).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# (table, column, index name Django gave it)
COVERED = [
    ("claims_appearance", "claim_id", "claims_appearance_claim_id_e65ab55a"),
    ("claims_appearance", "source_id", "claims_appearance_source_id_4626fe55"),
    ("claims_claim", "assigned_to_id", "claims_claim_assigned_to_id_5e597702"),
    ("claims_claim", "speaker_id", "claims_claim_speaker_id_e031226b"),
    ("claims_claimanchor", "claim_id", "claims_claimanchor_claim_id_8421f907"),
    ("claims_sourcesketch", "source_id", "claims_sourcesketch_source_id_02ce7bcb"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0020_speaker_name_trigram_index"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{index}"',
                    reverse_sql=f'CREATE INDEX "{index}" ON "{table}" ("{column}")',
                )
                for table, column, index in COVERED
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="appearance",
                    name="claim",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="appearances",
                        to="claims.claim",
                    ),
                ),
                migrations.AlterField(
                    model_name="appearance",
                    name="source",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="appearances",
                        to="claims.source",
                    ),
                ),
                migrations.AlterField(
                    model_name="claim",
                    name="assigned_to",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="assigned_claims",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                migrations.AlterField(
                    model_name="claim",
                    name="speaker",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="claims",
                        to="claims.speaker",
                    ),
                ),
                migrations.AlterField(
                    model_name="claimanchor",
                    name="claim",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="anchors",
                        to="claims.claim",
                    ),
                ),
                migrations.AlterField(
                    model_name="sourcesketch",
                    name="source",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="sketch",
                        to="claims.source",
                    ),
                ),
            ],
        )
    ]
