"""The reference setup in deploy/ stays true to the code: commands that exist, settings that
are read, and a proxy configuration that logs no secret link and sets the visitor's address."""

import re
from pathlib import Path

import pytest

from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[3]
DEPLOY = ROOT / "deploy"
UNITS = sorted((DEPLOY / "systemd").iterdir())


def settings_source() -> str:
    return "".join(
        path.read_text() for path in [*(ROOT / "weltoffen" / "settings").glob("*.py"), ROOT / "gunicorn.conf.py"]
    )


def example_variables() -> list[str]:
    lines = (DEPLOY / "env.example").read_text().splitlines()
    return [match.group(1) for line in lines if (match := re.match(r"#?([A-Z][A-Z_]+)=", line))]


@pytest.mark.parametrize("unit", UNITS, ids=lambda path: path.name)
def test_every_management_command_a_unit_runs_exists(unit):
    commands = re.findall(r"manage\.py (\w+)", unit.read_text())
    assert set(commands) <= set(get_commands())


def test_the_units_cover_web_worker_and_a_timed_backup():
    names = {path.name for path in UNITS}
    assert {"weltoffen-web@.service", "weltoffen-worker.service", "weltoffen-backup.service"} <= names
    assert "weltoffen-backup.timer" in names
    assert "manage.py run_worker" in (DEPLOY / "systemd" / "weltoffen-worker.service").read_text()


@pytest.mark.parametrize("variable", example_variables())
def test_every_variable_in_the_example_environment_is_read_and_documented(variable):
    readme = (ROOT / "README.md").read_text()
    read_by_libraries = {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}  # Django, dj-database-url
    assert re.search(rf"[\"']{variable}[\"']", settings_source()) or variable in read_by_libraries
    assert f"`{variable}`" in readme


def test_nginx_logs_neither_paths_nor_addresses():
    config = (DEPLOY / "nginx.conf").read_text()
    (log_format,) = re.findall(r"log_format weltoffen_private ([^;]+);", config)
    assert not re.search(r"\$(request|request_uri|uri|args|query_string|remote_addr|http_referer)\b", log_format)
    assert re.findall(r"access_log ([^\s;]+)", config) == ["off", "/var/log/nginx/weltoffen.access.log", "off", "off"]
    assert "weltoffen_private;" in config


def test_nginx_overwrites_the_header_the_example_names_for_the_visitors_address():
    (header,) = [
        line.split("=", 1)[1]
        for line in (DEPLOY / "env.example").read_text().splitlines()
        if line.startswith("DJANGO_CLIENT_IP_HEADER=")
    ]
    proxy = (DEPLOY / "weltoffen_proxy.conf").read_text()
    assert f"proxy_set_header {header} $remote_addr;" in proxy
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in proxy


def test_nginx_serves_media_but_never_documents_directly():
    config = (DEPLOY / "nginx.conf").read_text()
    assert re.search(r"location /media/documents/ \{\s*return 404;", config)
    assert "alias /srv/weltoffen/shared/media/;" in config
    assert "DJANGO_MEDIA_ROOT=/srv/weltoffen/shared/media" in (DEPLOY / "env.example").read_text()


@pytest.mark.parametrize("target", ["serve", "serve-production"])
def test_make_serve_starts_a_worker_beside_the_web_server(target):
    import subprocess

    commands = subprocess.run(["make", "-n", target], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert "manage.py run_worker &" in commands
    assert ("runserver" if target == "serve" else "gunicorn -c gunicorn.conf.py") in commands
