"""The two editorial roles, as groups with their permissions.

Editor: curates (reads everything, corrects claims and speakers, submits material).
Reviewer: everything an Editor does, and rates and publishes claims.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = [
    ("claims", "view_claim"),
    ("claims", "change_claim"),
    ("claims", "view_speaker"),
    ("claims", "change_speaker"),
    ("claims", "add_speaker"),
    ("claims", "view_source"),
    ("claims", "view_publisher"),
    ("claims", "view_appearance"),
    ("claims", "change_appearance"),
    ("claims", "view_ingestjob"),
    ("claims", "add_ingestjob"),
    ("claims", "change_ingestjob"),
    ("claims", "view_rating"),
]
REVIEWER = [*EDITOR, ("claims", "review_claim"), ("claims", "publish_claim")]


def create_groups(apps, schema_editor):
    # Permissions are normally created after migrations run; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in (("Editor", EDITOR), ("Reviewer", REVIEWER)):
        group, _ = Group.objects.get_or_create(name=name)
        perms = [
            Permission.objects.get(content_type__app_label=app, codename=code) for app, code in codenames
        ]
        group.permissions.set(perms)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editor", "Reviewer"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0003_review_publish_idempotency"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(create_groups, remove_groups)]
