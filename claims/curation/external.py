"""Editors' decisions about other fact-checkers' reviews linked to our claims: confirm a suggested
link, or remove a wrong one (kept as removed, so that linking again does not bring it back)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from claims.curation.permissions import require, signed_in_user
from claims.models import ExternalReviewLink, Viewer


def decide_link(*, link_id: int, confirm: bool, user: Viewer) -> ExternalReviewLink:
    require(user, "claims.change_claim")
    with transaction.atomic():
        link = ExternalReviewLink.objects.select_for_update().filter(pk=link_id).first()
        if link is None:
            raise ValidationError(f"No link with id {link_id}.")
        link.state = ExternalReviewLink.State.CONFIRMED if confirm else ExternalReviewLink.State.REMOVED
        link.automatic = False
        link.decided_by = signed_in_user(user)
        link.save(update_fields=["state", "automatic", "decided_by"])
    return link
