"""Browser tests: Playwright for Python driving Debian's Chromium (apt-get install chromium), headless,
against the test server pytest-django's live_server starts on 127.0.0.1.

Never `playwright install`: the browser is the system's. Without it (or without the playwright
package) the tests here are skipped with the reason; with CLAIMS_REQUIRE_SERVICES=1, as .ci/run
sets, they fail instead. Screenshots go to var/test-artifacts/screenshots/ (or
$CLAIMS_TEST_ARTIFACTS/screenshots/).
"""

import os
import shutil
import tempfile
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parent.parent.parent
ARTIFACTS = Path(os.environ.get("CLAIMS_TEST_ARTIFACTS") or ROOT / "var" / "test-artifacts") / "screenshots"

# Playwright's sync API keeps an event loop running in this thread; the ORM calls the tests make
# to set up data are ordinary blocking calls, so Django's async-safety check must stand aside.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser


def _missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} not found (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[dev]')"
    return None


@pytest.fixture(scope="session")
def browser():
    reason = _missing()
    if reason:
        if os.environ.get("CLAIMS_REQUIRE_SERVICES") == "1":
            pytest.fail(f"browser test needs Chromium: {reason}")
        pytest.skip(f"browser test needs Chromium: {reason}")
    from playwright.sync_api import sync_playwright

    args = [
        "--disable-background-networking",  # the machine's network is closed: no update checks
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-gpu",
    ]
    if os.geteuid() == 0:
        args.append("--no-sandbox")  # Chromium refuses to run its sandbox as root
    profile = tempfile.mkdtemp(prefix="claims-chromium-")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=args)
        try:
            yield browser
        finally:
            browser.close()
            shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    """The rows the data migrations create (the verdict scale, the Editor and Reviewer groups).

    Browser tests need transactional_db so that the live server's thread sees their data; its
    flush after each such test also empties these tables (permissions come back through
    post_migrate, rows from data migrations do not), so they are put back here.
    """
    from importlib import import_module

    from django.apps import apps
    from django.contrib.auth.models import Group, Permission

    import_module("claims.migrations.0002_default_rating_scale").create_scale(apps, None)

    import_module("claims.migrations.0045_common_rating_scale").common_scale(apps, None)
    groups = import_module("claims.migrations.0004_editor_and_reviewer_groups")
    for name, codenames in (("Editor", groups.EDITOR), ("Reviewer", groups.REVIEWER)):
        group, _ = Group.objects.get_or_create(name=name)
        extra = ["view_claimevent", "view_feed", "add_feed", "change_feed"]  # migrations 0007, 0014
        wanted = [(app, code) for app, code in codenames] + [("claims", code) for code in extra]
        group.permissions.set(
            [Permission.objects.get(content_type__app_label=app, codename=code) for app, code in wanted]
        )


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def screenshot(page, request):
    """screenshot(name): save the page as var/test-artifacts/screenshots/<test>-<name>.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def take(name: str) -> Path:
        path = ARTIFACTS / f"{request.node.name}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 1000, f"screenshot {path} is empty"
        return path

    return take
