"""{% desk_for user as desk %}: the editors' dashboard above the admin's app list."""

from django import template

from claims.curation.desk import Desk, desk

register = template.Library()


@register.simple_tag
def desk_for(user) -> Desk | None:
    """The dashboard for those who curate claims; nothing for other staff (they see the app list)."""
    if not user.is_authenticated or not user.has_perm("claims.view_claim"):
        return None
    return desk(user=user)
