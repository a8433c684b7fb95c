"""The rating scale most fact-checkers use, out of the box: False, Mostly false, Misleading,
Missing context, Half true, Mostly true, True (worst to best: ClaimReview's ratingValue, 1 to 7).

A scale still as 0002 made it is renumbered in place (each verdict keeps its step: claims point
at the step's row, not its number) and the two new steps go between "Mostly false" and "Half
true". A scale an editor has changed is left as it is, with the missing steps added after its
last one (to be placed where that scale wants them, in the admin).
"""

from django.db import migrations

OLD_SCALE = ["False", "Mostly false", "Half true", "Mostly true", "True"]
COMMON_SCALE = [
    (1, "False", "The claim is inaccurate."),
    (2, "Mostly false", "The claim has an element of truth but ignores facts that would change the picture."),
    (
        3,
        "Misleading",
        "The claim's facts may be right, but it is put in a way that leaves a false impression.",
    ),
    (
        4,
        "Missing context",
        "The claim leaves out context that changes how it should be understood.",
    ),
    (5, "Half true", "The claim is partly accurate but leaves out important details."),
    (6, "Mostly true", "The claim is accurate but needs clarification or additional information."),
    (7, "True", "The claim is accurate and nothing significant is missing."),
]


def common_scale(apps, schema_editor):
    Rating = apps.get_model("claims", "Rating")
    labels = list(Rating.objects.order_by("value").values_list("label", flat=True))
    if labels == OLD_SCALE or not labels:
        # Highest first, so that no two steps ever hold one number (values are unique).
        for value, label, description in sorted(COMMON_SCALE, reverse=True):
            row = Rating.objects.filter(label=label).first()
            if row is None:
                Rating.objects.create(value=value, label=label, description=description)
            elif row.value != value:
                row.value = value
                row.save(update_fields=["value"])
        return
    last = max(Rating.objects.values_list("value", flat=True))
    for _, label, description in COMMON_SCALE:
        if not Rating.objects.filter(label__iexact=label).exists():
            last += 1
            Rating.objects.create(value=last, label=label, description=description)


def five_steps(apps, schema_editor):
    Rating = apps.get_model("claims", "Rating")
    labels = list(Rating.objects.order_by("value").values_list("label", flat=True))
    if labels != [label for _, label, _ in COMMON_SCALE]:
        return  # changed since: left as it is
    if Rating.objects.filter(label__in=["Misleading", "Missing context"], claims__isnull=False).exists():
        return  # verdicts given on the new steps stay
    Rating.objects.filter(label__in=["Misleading", "Missing context"]).delete()
    for value, label in enumerate(OLD_SCALE, start=1):
        Rating.objects.filter(label=label).update(value=value)


class Migration(migrations.Migration):
    dependencies = [("claims", "0044_claim_events_added_by_editor")]
    operations = [migrations.RunPython(common_scale, five_steps)]
