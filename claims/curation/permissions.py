"""The one permission check the services make before they change anything."""

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.models import User as Account
from django.core.exceptions import PermissionDenied

# Who a service acts for: the request's user (signed in or anonymous), or None for the system
# (commands, tasks). Each service checks the permission it needs (require).
User = Account | AnonymousUser | None


def require(user: User, *permissions: str) -> None:
    """PermissionDenied naming the first of `permissions` the user lacks ("You need the review
    claim permission."); no user has none."""
    missing = [p for p in permissions if user is None or not user.has_perm(p)]
    if missing:
        raise PermissionDenied(f"You need the {missing[0].split('.')[1].replace('_', ' ')} permission.")


def has(user: User, permission: str) -> bool:
    """Whether the user holds the permission (no user holds none)."""
    return user is not None and user.has_perm(permission)


def account(user: User) -> Account | None:
    """The signed-in account behind `user`, for the rows that record who acted (None for the
    system; an anonymous user holds no permission, so no service gets that far with one)."""
    return user if isinstance(user, Account) else None
