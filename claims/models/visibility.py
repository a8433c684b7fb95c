"""Who may see what: the one rule of draft visibility. Every visible_to queryset and
Claim.is_visible_to apply it; nothing else asks whether someone may see a draft."""

from django.contrib.auth.models import AnonymousUser, User

# Who reads: a signed-in user (by session or by API token), an anonymous visitor, or nobody (a
# command, a task, a webhook without an owner).
Viewer = User | AnonymousUser | None


def may_see_drafts(user: Viewer) -> bool:
    """Whether `user` may see claims not yet published (and the speakers, sources and publishers
    known only through them): an active user holding claims.view_claim, as Editors, Reviewers
    and superusers do. Anyone else, signed in or not, by session or by token, sees what the public
    sees."""
    return user is not None and user.is_active and user.has_perm("claims.view_claim")
