"""Browser harness: a real server on a database prepared like `make run`, Debian's
Chromium driven by Playwright, and axe-core injected into every page under test.

The server runs in its own process on its own database (a temporary SQLite file, or a
throw-away PostgreSQL database when DATABASE_URL points at PostgreSQL), so the tests
see the site exactly as a visitor would.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# What `make run` does before serving.
SETUP_COMMANDS = (
    ["migrate", "--no-input", "-v", "0"],
    ["import_register"],
    ["import_model_municipalities"],
    ["load_catalogue"],
    ["setup_site"],
    ["setup_knowledge"],
    ["load_demo_content"],
    ["setup_support"],
    ["load_support_services"],
    ["build_search_index"],
)


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def browser_database_url(tmp_path: Path) -> tuple[str, callable]:
    """A fresh database for the server, and a function that removes it."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg

        parts = urlsplit(url)
        name = f"{parts.path.lstrip('/') or 'weltoffen'}_browser_{os.getpid()}"
        admin_url = urlunsplit(parts._replace(path="/postgres"))
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
            connection.execute(f'CREATE DATABASE "{name}"')

        def drop():
            with psycopg.connect(admin_url, autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

        return urlunsplit(parts._replace(path=f"/{name}")), drop
    return f"sqlite:///{tmp_path / 'browser.sqlite3'}", lambda: None


@pytest.fixture(scope="session")
def site_env(tmp_path_factory):
    """Environment of the test server: its own database and media folder."""
    tmp_path = tmp_path_factory.mktemp("browser")
    database_url, drop_database = browser_database_url(tmp_path)
    yield {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "weltoffen.settings.test",
        "DATABASE_URL": database_url,
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        "PREPARED_DOCUMENTS_ROOT": str(tmp_path / "prepared-documents"),
        "BROWSER_TMP": str(tmp_path),
    }
    drop_database()


@pytest.fixture(scope="session")
def manage(site_env):
    """Run a management command against the test server's database."""

    def run(*args: str) -> str:
        result = subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), *args],
            env=site_env,
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        return result.stdout

    return run


@pytest.fixture(scope="session")
def site_server(site_env, manage):
    """Migrate, load register, catalogue and pages like `make run`, then serve; yields the base URL."""
    env = site_env
    tmp_path = Path(env["BROWSER_TMP"])
    for command in SETUP_COMMANDS:
        manage(*command)
    manage_command = [sys.executable, str(ROOT / "manage.py")]
    port = free_port()
    # The server's log goes to a file: an unread pipe would fill up and stall the server.
    log_path = tmp_path / "server.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [*manage_command, "runserver", f"127.0.0.1:{port}", "--noreload"], env=env, cwd=ROOT, stdout=log, stderr=log
        )
    base_url = f"http://127.0.0.1:{port}"
    wait_until_up(base_url, server, log_path)
    yield base_url
    server.terminate()
    server.wait(timeout=10)


def wait_until_up(base_url: str, server: subprocess.Popen, log_path: Path, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"The test server stopped: {log_path.read_text()}")
        try:
            urllib.request.urlopen(f"{base_url}/kommunen/", timeout=2)  # noqa: S310 - local test server
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("The test server did not start in time.")


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Debian's chromium is not installed; run `make setup` (apt-get install chromium).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(params=["js", "no-js"])
def javascript(request) -> bool:
    return request.param == "js"


@pytest.fixture
def page(chromium, site_server, javascript):
    """A page with JavaScript on or off; it records requests to any other host."""
    context = chromium.new_context(base_url=site_server, java_script_enabled=javascript, locale="de-DE")
    page = context.new_page()
    page.foreign_requests = []
    page.on("request", lambda request: record_foreign(page, request, site_server))
    yield page
    assert page.foreign_requests == [], f"The page requested other hosts: {page.foreign_requests}"
    context.close()


def record_foreign(page, request, site_server: str) -> None:
    if not request.url.startswith((site_server, "data:", "about:")):
        page.foreign_requests.append(request.url)


@pytest.fixture(scope="session")
def axe_context(chromium):
    # bypass_csp lets axe-core run in pages whose CSP forbids any script but our own.
    context = chromium.new_context(bypass_csp=True)
    yield context
    context.close()


@pytest.fixture
def axe(axe_context):
    """axe(page) → every axe-core violation (WCAG 2.1 A/AA and best practice) of the page as it is shown now.

    The page's current DOM (after whatever its own scripts did, or without them when
    JavaScript is off) is loaded at the same address into a context where axe-core can
    run; its own scripts are removed so the DOM stays exactly as the visitor saw it.
    """
    source = AXE_SCRIPT.read_text(encoding="utf-8")

    def run(page) -> list[dict]:
        html = re.sub(r"<script\b[^>]*>.*?</script>", "", page.content(), flags=re.S)
        checker = axe_context.new_page()
        checker.set_viewport_size(page.viewport_size or {"width": 1280, "height": 720})
        checker.route(
            page.url,
            lambda route, _request: route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html),
        )
        checker.goto(page.url)
        checker.add_script_tag(content=source)
        # Every rule axe-core has, best practices included, not only the WCAG-tagged ones.
        result = checker.evaluate("async () => await axe.run(document)")
        checker.close()
        return result["violations"]

    return run


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} – {targets}")
    return "\n".join(lines)
