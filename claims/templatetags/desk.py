"""{% desk_for user as desk %}: the editors' dashboard above the admin's app list."""

from django import template

from claims.curation.desk import Desk, desk
from claims.models import may_see_drafts

register = template.Library()


@register.simple_tag
def desk_for(user) -> Desk | None:
    """The dashboard for those who curate claims; nothing for other staff (they see the app list)."""
    if not may_see_drafts(user):
        return None
    return desk(user=user)
