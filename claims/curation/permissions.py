"""The one permission check the services make before they change anything."""

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied

from claims.models import Viewer

# A service acts for a Viewer (claims.models): the request's user (signed in or anonymous), or
# None for the system (commands, tasks). Each service checks the permission it needs (require).


def require(user: Viewer, *permissions: str) -> None:
    """PermissionDenied naming the first of `permissions` the user lacks ("You need the review
    claim permission."); no user has none."""
    missing = [p for p in permissions if user is None or not user.has_perm(p)]
    if missing:
        raise PermissionDenied(f"You need the {missing[0].split('.')[1].replace('_', ' ')} permission.")


def has(user: Viewer, permission: str) -> bool:
    """Whether the user holds the permission (no user holds none)."""
    return user is not None and user.has_perm(permission)


def signed_in_user(user: Viewer) -> User | None:
    """The signed-in user behind `user`, for the rows that record who acted (None for the
    system; an anonymous user holds no permission, so no service gets that far with one)."""
    return user if isinstance(user, User) else None
