"""Webhook secrets are kept encrypted (claims.crypto): the column becomes text (a sealed secret is
longer than 100 characters) and every secret stored in clear before is sealed, so after this
migration none is readable in the database. Undone, they are opened again."""

from django.db import migrations, models

import claims.models
from claims import crypto


def seal_plain_secrets(apps, schema_editor):
    Webhook = apps.get_model("claims", "Webhook")
    # Only secrets still in clear (whsec_...): run again, a sealed one is not sealed twice.
    for pk, secret in Webhook.objects.filter(secret__startswith="whsec_").values_list("pk", "secret"):
        Webhook.objects.filter(pk=pk).update(secret=crypto.seal(secret))


def open_sealed_secrets(apps, schema_editor):
    Webhook = apps.get_model("claims", "Webhook")
    for pk, secret in Webhook.objects.exclude(secret__startswith="whsec_").values_list("pk", "secret"):
        Webhook.objects.filter(pk=pk).update(secret=crypto.unseal(secret))


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0036_ingestjob_error_detail"),
    ]

    operations = [
        migrations.AlterField(
            model_name="webhook",
            name="secret",
            field=models.TextField(
                default=claims.models._sealed_webhook_secret,
                editable=False,
                help_text="The signing secret (whsec_…), encrypted (claims.crypto): shown once, when the "
                "webhook is created",
            ),
        ),
        migrations.RunPython(seal_plain_secrets, open_sealed_secrets),
    ]
