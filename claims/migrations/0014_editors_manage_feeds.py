"""Editors and Reviewers manage feeds (add, change, poll now); deleting one stays with admins."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["view_feed", "add_feed", "change_feed"]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(content_type__app_label="claims", codename__in=CODENAMES)
    for group in Group.objects.filter(name__in=["Editor", "Reviewer"]):
        group.permissions.add(*perms)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(content_type__app_label="claims", codename__in=CODENAMES)
    for group in Group.objects.filter(name__in=["Editor", "Reviewer"]):
        group.permissions.remove(*perms)


class Migration(migrations.Migration):
    dependencies = [("claims", "0013_feeds_canonical_urls_near_duplicates")]
    operations = [migrations.RunPython(grant, revoke)]
