"""Two gunicorn instances, one PostgreSQL database, one Redis: a visitor whose requests a load
balancer spreads over both keeps the session, the secret link, the rate limit and the answers.

Both instances run production settings (deploy/ describes the same setup with nginx in front)
on their own ports; the visitor's cookies travel with it from one to the other. The test needs
PostgreSQL and Redis (`REDIS_URL`, default redis://127.0.0.1:6379/14, and the server of
`DATABASE_URL` when it is PostgreSQL, else postgres://postgres@127.0.0.1:5432) and is skipped,
saying which is missing, only when one of them cannot be reached. It uses a database of its own,
whatever database the rest of the suite runs on, and a key prefix of its own in Redis.
"""

import contextlib
import hashlib
import http.client
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

import psycopg
import psycopg.sql
import pytest

from .conftest import REDIS_URL

ROOT = Path(__file__).resolve().parents[3]

pytestmark = pytest.mark.multiserver


def postgres_server() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        return urlunsplit(urlsplit(url)._replace(path="", query=""))
    return "postgres://postgres@127.0.0.1:5432"


FIXTURES = ROOT / "weltoffen" / "operations" / "tests" / "multiserver_fixtures.py"


def template_fingerprint() -> str:
    """Changes whenever the template would: a migration, a locked package (with its
    migrations), catalogue v1 or the fixtures script."""
    digest = hashlib.sha256()
    sources = [ROOT / "uv.lock", FIXTURES, ROOT / "weltoffen" / "catalogue" / "loading.py"]
    sources += sorted((ROOT / "weltoffen").glob("*/migrations/*.py"))
    sources += sorted((ROOT / "weltoffen" / "catalogue" / "data" / "v1").rglob("*.yaml"))
    for path in sources:
        digest.update(path.relative_to(ROOT).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()[:12]


def prepared_template(admin, server: str) -> tuple[str, dict]:
    """A database ready to be copied (migrated, catalogue v1, a coordinator), and the data the
    requests need, which the template carries as its comment. Kept between runs like
    pytest-django's --reuse-db: migrating takes half a minute, copying a template a second."""
    template = f"weltoffen_multiserver_template_{template_fingerprint()}"
    description = "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s"
    found = admin.execute(description, [template]).fetchone()
    if found and found[0]:
        return template, json.loads(found[0])
    building = f"{template}_building_{os.getpid()}"
    admin.execute(f'DROP DATABASE IF EXISTS "{building}" WITH (FORCE)')
    admin.execute(f'CREATE DATABASE "{building}"')
    prepared = subprocess.run(
        [sys.executable, "-m", "weltoffen.operations.tests.multiserver_fixtures"],
        cwd=ROOT,
        env={  # the servers' settings: the password is hashed as production checks it
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "weltoffen.operations.tests.multiserver_settings",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": f"{server}/{building}",
        },
        capture_output=True,
        text=True,
    )
    assert prepared.returncode == 0, prepared.stderr
    data = json.loads(prepared.stdout.strip().splitlines()[-1])
    admin.execute(f'COMMENT ON DATABASE "{building}" IS {psycopg.sql.quote(json.dumps(data))}')
    try:
        admin.execute(f'ALTER DATABASE "{building}" RENAME TO "{template}"')
    except psycopg.errors.DuplicateDatabase:  # another run was quicker: use its template
        admin.execute(f'DROP DATABASE "{building}" WITH (FORCE)')
        return template, data
    # Nobody connects to it by mistake: a connection would stop it from being copied.
    admin.execute(f'ALTER DATABASE "{template}" WITH ALLOW_CONNECTIONS false')
    stale = admin.execute(
        "SELECT datname FROM pg_database WHERE datname LIKE %s AND datname NOT LIKE %s AND datname <> %s",
        ["weltoffen\\_multiserver\\_template\\_%", "%\\_building\\_%", template],
    ).fetchall()
    for (name,) in stale:
        with contextlib.suppress(psycopg.Error):
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
    return template, data


@pytest.fixture
def database():
    """A database of this test's own on the PostgreSQL server, copied from the prepared
    template and dropped afterwards: its URL and the data in it."""
    server = postgres_server()
    name = f"weltoffen_multiserver_{os.getpid()}"
    try:
        admin = psycopg.connect(f"{server}/postgres", autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        pytest.skip(f"PostgreSQL at {server} is unreachable ({error}); the two-server test needs it.")
    with admin:
        template, data = prepared_template(admin, server)
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    yield f"{server}/{name}", data
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    text: str

    @property
    def location(self) -> str:
        return self.headers.get("Location", "")


class Browser:
    """One visitor. Its cookies go with it from server to server, as behind a load balancer
    that does not pin a visitor to one instance, and its address in X-Real-IP, as nginx sends
    it (deploy/nginx.conf). CSRF: Django accepts its own 32-character secret, sent as cookie
    and header."""

    def __init__(self, address: str = "203.0.113.7"):
        self.cookies = {"csrftoken": secrets.token_hex(16)}
        self.address = address

    def get(self, port: int, path: str, **headers) -> Answer:
        return self.request(port, "GET", path, None, headers)

    def post(self, port: int, path: str, form: dict, **headers) -> Answer:
        return self.request(port, "POST", path, form, headers)

    def request(self, port: int, method: str, path: str, form: dict | None, headers: dict) -> Answer:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        sent = {
            "Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items()),
            "X-CSRFToken": self.cookies["csrftoken"],
            "X-Real-IP": self.address,
            **{name.replace("_", "-"): value for name, value in headers.items()},
        }
        body = None
        if form is not None:
            body = urlencode(form)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            answer = Answer(response.status, response.headers, response.read().decode())
        finally:
            connection.close()
        for header in answer.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(header)
            for name, morsel in cookie.items():
                if morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return answer


def server_environment(tmp_path: Path, database_url: str, redis_prefix: str) -> dict:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("SENTRY_", "DJANGO_", "PG"))}
    return {
        **environment,
        "DJANGO_SETTINGS_MODULE": "weltoffen.operations.tests.multiserver_settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),  # one key for both: sessions and CSRF are signed with it
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_CLIENT_IP_HEADER": "X-Real-IP",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "DJANGO_MEDIA_ROOT": str(tmp_path / "shared-media"),
        "SUPPORT_EVIDENCE_ROOT": str(tmp_path / "shared-evidence"),
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": redis_prefix,
        "LOG_FORMAT": "json",
        "WEB_CONCURRENCY": "1",
        "GUNICORN_THREADS": "2",
        "PYTHONPATH": str(ROOT),
    }


def start_server(environment: dict, port: int, log: Path) -> subprocess.Popen:
    with open(log, "w") as output:
        return subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "weltoffen.wsgi:application"],
            cwd=ROOT,
            env={**environment, "HOST": "127.0.0.1", "PORT": str(port)},
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so the test can stop it with its workers
        )


def wait_until_live(server: subprocess.Popen, port: int, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"gunicorn on port {port} stopped:\n{log.read_text()}")
        try:
            if Browser().get(port, "/healthz/").status == 200:
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"gunicorn on port {port} did not start within {timeout:.0f} s:\n{log.read_text()}")


@pytest.fixture
def two_servers(tmp_path, database, redis_prefix):
    """Ports of two running instances, the data in their database, and their logs."""
    database_url, data = database
    environment = server_environment(tmp_path, database_url, redis_prefix)
    ports = [free_port(), free_port()]
    logs = [tmp_path / f"gunicorn-{port}.log" for port in ports]
    servers = [start_server(environment, port, log) for port, log in zip(ports, logs, strict=True)]
    try:
        for server, port, log in zip(servers, ports, logs, strict=True):
            wait_until_live(server, port, log)
        yield ports, data, logs
    finally:
        for server in servers:
            # Master and workers at once: the test is over, and nothing is left to finish.
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def test_two_servers_share_sessions_secret_links_rate_limits_and_answers(two_servers):
    (a, b), data, logs = two_servers
    visitor = Browser()
    assert [visitor.get(port, "/readyz/").text for port in (a, b)] == ["ok\n", "ok\n"]

    # A secret link made on one server opens on the other.
    started = visitor.post(
        a, "/selbstcheck/start/", {"title": "Zwei Server", "municipality_name": "", "municipality": ""}
    )
    assert started.status == 302, started.text
    token = re.fullmatch(r"/selbstcheck/a/([\w-]+)/link/", started.location).group(1)
    assert "Zwei Server" in visitor.get(b, f"/selbstcheck/a/{token}/").text
    assert visitor.get(b, f"/selbstcheck/a/{secrets.token_urlsafe(32)}/").status == 404

    # Answers saved on one server are there on the other, both ways.
    first, second = data["questions"]
    field = f"/selbstcheck/a/{token}/felder/{data['field']}/"
    submitted = visitor.post(
        a,
        field,
        {
            "version": data["version"],
            f"answer:{first}": "2",
            f"note:{first}": "Ratsbeschluss 2027",
            f"shown-answer:{first}": "",
            f"shown-note:{first}": "",
            "field-note": "",
            "shown-field-note": "",
        },
    )
    assert submitted.status in (200, 302), submitted.text
    on_b = visitor.get(b, field).text
    assert 'value="2" checked' in on_b and "Ratsbeschluss 2027" in on_b
    autosaved = visitor.post(
        b,
        f"{field}fragen/{second}/",
        {
            "version": data["version"],
            f"answer:{second}": "3",
            f"note:{second}": "",
            f"shown-answer:{second}": "",
            f"shown-note:{second}": "",
        },
        HX_Request="true",
    )
    assert autosaved.status == 200, autosaved.text
    assert visitor.get(a, field).text.count('value="3" checked') >= 1

    # The rate limit counts requests on both servers: 5 link e-mails an hour per visitor's address.
    link = f"/selbstcheck/a/{token}/link/"
    for port in (a, b, a, b, a):
        assert visitor.post(port, link, {"email": "kolleg.in@kommune.example"}).status == 302
    # The confirmation stored in the session on one server is shown by the other.
    assert "Der Link wurde an die angegebene Adresse gesendet" in visitor.get(b, link).text
    assert visitor.post(b, link, {"email": "kolleg.in@kommune.example"}).status == 429
    neighbour = Browser(address="203.0.113.8")  # behind the same proxy, with a limit of its own
    assert neighbour.post(a, link, {"email": "kolleg.in@kommune.example"}).status == 302

    # A sign-in on one server holds on the other; a visitor without the cookie is sent to sign in.
    coordinator = Browser()
    signed_in = coordinator.post(b, "/konto/login/", {"login": data["email"], "password": data["password"]})
    assert signed_in.status == 302, signed_in.text
    assert coordinator.get(a, "/team/").status == 200
    assert Browser().get(a, "/team/").status == 302

    # Neither server wrote the secret link into its log, though both logged the requests it refused.
    written = "".join(log.read_text() for log in logs)
    assert token not in written
    refused = [json.loads(line) for line in written.splitlines() if '"Too Many Requests' in line]
    assert refused and refused[0]["message"] == "Too Many Requests: /selbstcheck/a/…/link/"
