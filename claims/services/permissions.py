"""The one permission check the services make before they change anything."""

from django.core.exceptions import PermissionDenied


def require(user, *permissions: str) -> None:
    """PermissionDenied naming the first of `permissions` the user lacks ("You need the review
    claim permission."); no user has none."""
    missing = [p for p in permissions if user is None or not user.has_perm(p)]
    if missing:
        raise PermissionDenied(f"You need the {missing[0].split('.')[1].replace('_', ' ')} permission.")


def has(user, permission: str) -> bool:
    """Whether the user holds the permission (no user holds none)."""
    return user is not None and user.has_perm(permission)
