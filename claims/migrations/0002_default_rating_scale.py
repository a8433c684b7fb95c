"""The default verdict scale, one row a step; editors can rename or extend it in the admin."""

from django.db import migrations

DEFAULT_SCALE = [
    (1, "False", "The claim is inaccurate."),
    (2, "Mostly false", "The claim has an element of truth but ignores facts that would change the picture."),
    (3, "Half true", "The claim is partly accurate but leaves out important details."),
    (4, "Mostly true", "The claim is accurate but needs clarification or additional information."),
    (5, "True", "The claim is accurate and nothing significant is missing."),
]


def create_scale(apps, schema_editor):
    Rating = apps.get_model("claims", "Rating")
    for value, label, description in DEFAULT_SCALE:
        Rating.objects.get_or_create(value=value, defaults={"label": label, "description": description})


def remove_scale(apps, schema_editor):
    Rating = apps.get_model("claims", "Rating")
    Rating.objects.filter(value__in=[v for v, _, _ in DEFAULT_SCALE], claims__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("claims", "0001_initial")]
    operations = [migrations.RunPython(create_scale, remove_scale)]
