"""Create the first admin account for `make run`, once; or give it the password in
CLAIMS_ADMIN_PASSWORD (how an admin who lost it resets it). Credentials are printed."""

import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create an admin user (CLAIMS_ADMIN_USER, default admin) if none exists, with the password "
        "in CLAIMS_ADMIN_PASSWORD or a new one printed; an existing admin gets CLAIMS_ADMIN_PASSWORD "
        "when it is set."
    )

    def handle(self, *args, **options):
        User = get_user_model()
        username = os.environ.get("CLAIMS_ADMIN_USER", "admin")
        given = os.environ.get("CLAIMS_ADMIN_PASSWORD", "")
        user = User.objects.filter(username=username).first()
        if user is not None:
            if given:
                user.set_password(given)
                user.save(update_fields=["password"])
                self.stdout.write(
                    self.style.SUCCESS(f"Admin user {username!r}: password reset from CLAIMS_ADMIN_PASSWORD.")
                )
            else:
                self.stdout.write(f"Admin user {username!r} already exists (its password is unchanged).")
            return
        password = given or secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        shown = password if not given else "(from CLAIMS_ADMIN_PASSWORD)"
        self.stdout.write(self.style.SUCCESS(f"Created admin user {username!r} with password {shown}"))
        # For scripts/run_dev.py, which repeats it at the end of its output.
        self.stdout.write(f"password: {password}" if not given else "password: (from CLAIMS_ADMIN_PASSWORD)")
