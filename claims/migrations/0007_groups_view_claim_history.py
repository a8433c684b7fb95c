"""Editors and Reviewers see a claim's history (the events the workflow writes)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    view = Permission.objects.get(content_type__app_label="claims", codename="view_claimevent")
    for group in Group.objects.filter(name__in=["Editor", "Reviewer"]):
        group.permissions.add(view)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=["Editor", "Reviewer"]):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="claims", codename="view_claimevent")
        )


class Migration(migrations.Migration):
    dependencies = [("claims", "0006_claim_events")]
    operations = [migrations.RunPython(grant, revoke)]
