"""HTTP benchmark: every page type under gunicorn with production settings, as a ratio to
a bare Django view (the floor) measured by the same load generator in the same run.

    make bench-http            (also part of `make bench`)
    BENCH_SECONDS=10 make bench-http

The load generator is wrk (Debian package `wrk`, installed by `make setup`). The server runs
the project's own gunicorn.conf.py with 2 workers against a fresh database (SQLite in a
temporary directory, or the empty database named by DATABASE_URL).
"""

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
CONNECTIONS = 20
DATA_COMMANDS = (
    ["migrate", "--no-input", "-v", "0"],
    ["createcachetable"],
    ["collectstatic", "--no-input", "-v", "0"],
    ["import_register"],
    ["import_model_municipalities"],
    ["load_catalogue"],
    ["setup_site"],
    ["setup_knowledge"],
    ["load_demo_content"],
)
# Targets of issue [11], as shares of the floor's requests per second.
PUBLIC, PERSONAL = 0.5, 0.1
SAVES_PER_SECOND = 200
PACED_P95_MS = 50

LUA = """
local requests = {requests}
local index = 0
request = function()
  index = index % #requests + 1
  return requests[index]
end
{delay}
done = function(summary, latency, _)
  local errors = summary.errors
  io.write(string.format(
    "\\nRESULT %d %f %d %d %f %f %f\\n", summary.requests, summary.duration / 1e6,
    errors.connect + errors.read + errors.write + errors.timeout, errors.status,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
"""


@dataclass
class Load:
    name: str
    requests: list[tuple[str, str, dict, str]]  # method, path, headers, body
    target: str = ""  # "public", "personal", "saves" or "" (no target)
    connections: int = CONNECTIONS
    delay_ms: int = 0


@dataclass
class Outcome:
    load: Load
    rps: float
    p50: float
    p95: float
    p99: float
    failed: int

    def ratio(self, floor: float) -> float:
        return self.rps / floor if floor else 0.0

    def verdict(self, floor: float) -> str:
        if self.failed:
            return f"INVALID ({self.failed} failed requests)"
        ratio = self.ratio(floor)
        if self.load.target == "public":
            return f"target ≥ {PUBLIC:.0%}: {'met' if ratio >= PUBLIC else 'MISSED'}"
        if self.load.target == "personal":
            return f"target ≥ {PERSONAL:.0%}: {'met' if ratio >= PERSONAL else 'MISSED'}"
        if self.load.target == "saves":
            return f"target ≥ {SAVES_PER_SECOND}/s: {'met' if self.rps >= SAVES_PER_SECOND else 'MISSED'}"
        if self.load.target == "paced":
            return f"target p95 < {PACED_P95_MS} ms: {'met' if self.p95 < PACED_P95_MS else 'MISSED'}"
        return "floor" if self.load.name == "floor" else "no target"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_environment(workdir: str, port: int) -> dict:
    env = dict(os.environ)
    env.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    env.update(
        DJANGO_SETTINGS_MODULE="weltoffen.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(60),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_BENCHMARK_FLOOR="true",
        SITE_URL=f"http://127.0.0.1:{port}",
        HOST="127.0.0.1",
        PORT=str(port),
        WEB_CONCURRENCY="2",
        PYTHONPATH=str(ROOT),
    )
    return env


def prepare(env: dict) -> dict:
    for command in DATA_COMMANDS:
        subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    output = subprocess.run(
        [PYTHON, "-m", "benchmarks.http_fixtures"], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def start_server(env: dict, port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py", "weltoffen.wsgi:application"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/floor/", timeout=2)
            return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit("The server did not start within 180 s.")


def lua_string(value: str) -> str:
    return json.dumps(value)  # a JSON string literal is a valid Lua string literal for our ASCII data


def lua_script(load: Load) -> str:
    entries = []
    for method, path, headers, body in load.requests:
        header_table = ", ".join(f"[{lua_string(k)}] = {lua_string(v)}" for k, v in headers.items())
        entries.append(
            f"wrk.format({lua_string(method)}, {lua_string(path)}, {{{header_table}}}, "
            f"{lua_string(body) if body else 'nil'})"
        )
    delay = f"delay = function() return {load.delay_ms} end" if load.delay_ms else ""
    return LUA.replace("{requests}", "{" + ",\n".join(entries) + "}").replace("{delay}", delay)


def run_load(load: Load, port: int, workdir: str, seconds: int = SECONDS) -> Outcome:
    script = Path(workdir) / "load.lua"
    script.write_text(lua_script(load))
    command = ["wrk", "-t2", f"-c{load.connections}", f"-d{seconds}s", "-s", str(script), f"http://127.0.0.1:{port}"]
    subprocess.run([*command[:3], "-d1s", *command[4:]], check=True, capture_output=True)  # warm-up
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("RESULT "))
    requests, duration, socket_errors, status_errors, p50, p95, p99 = (float(v) for v in line.split()[1:])
    return Outcome(load, requests / duration, p50, p95, p99, int(socket_errors + status_errors))


def loads(data: dict) -> list[Load]:
    session = {"Cookie": data["session_cookie"]}
    csrf = secrets.token_hex(16)  # Django accepts its unmasked 32-character secret as the token
    saving = {"Cookie": f"csrftoken={csrf}", "X-CSRFToken": csrf, "Content-Type": "application/x-www-form-urlencoded"}
    autosaves, submits = [], []
    for saver in data["savers"]:
        base = f"/selbstcheck/a/{saver['token']}/felder/{saver['field']}/"
        for index, key in enumerate(saver["questions"][:4]):
            body = (
                f"version={saver['version']}&answer:{key}={index % 4}&note:{key}=&shown-answer:{key}=&shown-note:{key}="
            )
            autosaves.append(("POST", f"{base}fragen/{key}/", {**saving, "HX-Request": "true"}, body))
        answers = "&".join(
            f"answer:{key}={index % 4}&note:{key}=&shown-answer:{key}=&shown-note:{key}="
            for index, key in enumerate(saver["questions"])
        )
        submits.append(("POST", base, saving, f"version={saver['version']}&{answers}&field-note=&shown-field-note="))

    def get(path, headers=None):
        return [("GET", path, headers or {}, "")]

    pages = [
        Load("home", get("/"), "public"),
        Load("Selbstcheck overview", get("/selbstcheck/"), "public"),
        Load("field question page", get(data["field_questions"]), "public"),
        Load("knowledge listing", get(data["knowledge_listing"]), "public"),
        Load("article", get(data["article"]), "public"),
        Load("municipality search", get("/kommunen/?q=Bad"), "public"),
        Load("field answer page", get(data["field_answers"]), "personal"),
        Load("results page", get(data["results"]), "personal"),
        Load("team result (50 respondents)", get(data["team_result"], session), "personal"),
    ]
    if data.get("stakeholder_comparison"):
        pages.append(Load("stakeholder comparison", get(data["stakeholder_comparison"], session), "personal"))
    return [
        *pages,
        Load("autosave, saturated (50 respondents)", autosaves, "saves", connections=50),
        Load("no-JS field submit, saturated (50 respondents)", submits, "", connections=50),
        Load("autosave, every 3 s (50 respondents)", autosaves, "paced", connections=50, delay_ms=3000),
    ]


def main() -> int:
    if not shutil.which("wrk"):
        print("wrk is missing: run `make setup` (Debian package wrk).")
        return 1
    with tempfile.TemporaryDirectory(prefix="weltoffen-bench-http-") as workdir:
        port = free_port()
        env = server_environment(workdir, port)
        print(f"Preparing a fresh database ({env['DATABASE_URL'].split(':')[0]}) …", flush=True)
        data = prepare(env)
        server = start_server(env, port)
        try:
            floor_load = Load("floor", [("GET", "/bench/floor/", {}, "")])
            floor = run_load(floor_load, port, workdir)
            outcomes = [floor]
            for load in loads(data):
                seconds = max(SECONDS, 15) if load.delay_ms else SECONDS
                outcomes.append(run_load(load, port, workdir, seconds))
                print(f"  measured {load.name}", flush=True)
            floor_again = run_load(floor_load, port, workdir)
        finally:
            server.terminate()
            server.wait(timeout=30)
    floor_rps = (floor.rps + floor_again.rps) / 2
    print(f"\nHTTP benchmark: gunicorn, 2 workers, wrk with {CONNECTIONS} connections, {SECONDS} s per page")
    print(f"floor (bare Django view): {floor.rps:.0f} and {floor_again.rps:.0f} requests/s, mean {floor_rps:.0f}\n")
    print(f"{'page':<50} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'ratio':>7}  verdict")
    for outcome in outcomes[1:]:
        print(
            f"{outcome.load.name:<50} {outcome.rps:>8.1f} {outcome.p50:>8.1f} {outcome.p95:>8.1f} "
            f"{outcome.p99:>8.1f} {outcome.ratio(floor_rps):>7.1%}  {outcome.verdict(floor_rps)}"
        )
    return 1 if any(o.failed for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
