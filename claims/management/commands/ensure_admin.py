"""Create the first admin account for `make run`, once. Credentials from the environment or printed."""

import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create an admin user (CLAIMS_ADMIN_USER / CLAIMS_ADMIN_PASSWORD) if none exists yet."

    def handle(self, *args, **options):
        User = get_user_model()
        username = os.environ.get("CLAIMS_ADMIN_USER", "admin")
        if User.objects.filter(username=username).exists():
            self.stdout.write(f"Admin user {username!r} already exists.")
            return
        password = os.environ.get("CLAIMS_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        shown = password if "CLAIMS_ADMIN_PASSWORD" not in os.environ else "(from CLAIMS_ADMIN_PASSWORD)"
        self.stdout.write(self.style.SUCCESS(f"Created admin user {username!r} with password {shown}"))
