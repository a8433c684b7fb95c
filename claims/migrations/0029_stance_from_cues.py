"""Stances for what was stored before they were recorded: each appearance's from its cue (the
cue table as it stood when stances came in), each claim's from its first appearance, and the
fingerprint of every claim that is not an assertion computed again (a denial's includes its stance).

Negated cues ("has never said") and quoted questions are not told apart here (the cue alone does
not say): `manage.py reextract` after the upgrade reads them from the text."""

import hashlib
import re
import unicodedata

from django.db import migrations
from django.db.models import OuterRef, Subquery

from claims.extraction.lexicon.cues import STANCE_OF

_NOT_WORD = re.compile(r"[^\w]+")


def _fingerprint(text: str, speaker_key: str, stance: str) -> str:
    words = _NOT_WORD.sub(" ", unicodedata.normalize("NFKC", text).casefold()).split()
    return hashlib.sha256(f"{speaker_key}\x1f{' '.join(words)}\x1f{stance}".encode()).hexdigest()


def forwards(apps, schema_editor):
    Appearance = apps.get_model("claims", "Appearance")
    Claim = apps.get_model("claims", "Claim")
    for cue in Appearance.objects.values_list("cue", flat=True).distinct():
        stance = STANCE_OF.get(cue.lower())
        if stance is not None and stance != "asserted":
            Appearance.objects.filter(cue=cue).update(stance=str(stance))
    first = Appearance.objects.filter(claim=OuterRef("pk")).order_by("pk").values("stance")[:1]
    touched = Claim.objects.filter(
        appearances__stance__in=[s for s in set(map(str, STANCE_OF.values())) if s != "asserted"]
    )
    Claim.objects.filter(pk__in=touched.values("pk")).update(stance=Subquery(first))
    changed = []
    for claim in Claim.objects.exclude(stance="asserted").select_related("speaker").iterator(chunk_size=2000):
        claim.fingerprint = _fingerprint(
            claim.text, claim.speaker.name_key if claim.speaker else "", claim.stance
        )
        changed.append(claim)
        if len(changed) == 2000:
            Claim.objects.bulk_update(changed, ["fingerprint"])
            changed = []
    Claim.objects.bulk_update(changed, ["fingerprint"])


class Migration(migrations.Migration):
    dependencies = [("claims", "0028_stance")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
