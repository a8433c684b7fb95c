"""Existing plain-text keys (DRF's authtoken table) become ApiToken digests, so every client keeps
working, and the plain keys are deleted: after this migration no key is readable in the database."""

import hashlib

from django.db import migrations


def adopt_plain_keys(apps, schema_editor):
    Token = apps.get_model("authtoken", "Token")
    ApiToken = apps.get_model("claims", "ApiToken")
    for old in Token.objects.all().iterator():
        ApiToken.objects.create(
            user_id=old.user_id,
            name="key issued before digests",
            prefix=old.key[:8],
            digest=hashlib.sha256(old.key.encode("utf-8")).hexdigest(),
        )
    Token.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0022_api_tokens"),
        ("authtoken", "0004_alter_tokenproxy_options"),
    ]

    operations = [migrations.RunPython(adopt_plain_keys, migrations.RunPython.noop)]
