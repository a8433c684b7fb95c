"""Signing in, as the browser tests do: staff accounts in the desk's groups, and the login form."""

from django.contrib.auth.models import Group

from tests.factories import UserFactory

PASSWORD = "correct horse battery staple"


def staff(username: str, group: str):
    """A staff account in Editor or Reviewer, with PASSWORD."""
    user = UserFactory(username=username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def log_in(page, base: str, username: str, then: str = "/admin/") -> None:
    """Sign in through the admin's login form and wait for `then`."""
    page.goto(f"{base}/admin/login/?next={then}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"**{then}**")
