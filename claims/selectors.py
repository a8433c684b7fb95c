"""Read-side queries shared by the admin, the API and the pages."""

from django.db.models import QuerySet

from claims.models import Claim


def claims_visible_to(user) -> QuerySet[Claim]:
    """Staff see every claim; everyone else only what has been published."""
    if user is not None and user.is_authenticated and user.is_staff:
        return Claim.objects.all()
    return Claim.objects.filter(state=Claim.State.PUBLISHED)
