"""A webhook delivery tells of a list of claims (a batch's new claims travel together) instead of
one: claim_ids replaces the claim it named. A delivery made before keeps its body as it was first
sent (a retry sends the same message); its claim becomes a list of one."""

from django.db import migrations, models


def claim_to_list(apps, schema_editor):
    WebhookDelivery = apps.get_model("claims", "WebhookDelivery")
    for delivery in WebhookDelivery.objects.exclude(claim_id=None).only("pk", "claim_id").iterator():
        WebhookDelivery.objects.filter(pk=delivery.pk).update(claim_ids=[delivery.claim_id])


def list_to_claim(apps, schema_editor):
    WebhookDelivery = apps.get_model("claims", "WebhookDelivery")
    Claim = apps.get_model("claims", "Claim")
    for delivery in WebhookDelivery.objects.only("pk", "claim_ids").iterator():
        first = next(iter(delivery.claim_ids or []), None)
        if first is not None and Claim.objects.filter(pk=first).exists():
            WebhookDelivery.objects.filter(pk=delivery.pk).update(claim_id=first)


class Migration(migrations.Migration):
    dependencies = [("claims", "0037_webhook_secrets_encrypted")]

    operations = [
        migrations.AddField(
            model_name="webhookdelivery",
            name="claim_ids",
            field=models.JSONField(default=list, help_text="The claims it tells of, in the order it lists them"),
        ),
        migrations.RunPython(claim_to_list, list_to_claim, elidable=True),
        migrations.RemoveField(model_name="webhookdelivery", name="claim"),
    ]
