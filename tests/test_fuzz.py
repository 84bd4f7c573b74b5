"""Hostile input against every address of the site: no request may answer 5xx.

The test walks the URL configuration, so a view added by any app is covered without
touching this file. For each route it fills the placeholders with valid values (an
owner's and a respondent's secret link, our own round) and with tampered ones
(garbage tokens, NUL bytes, huge strings, another municipality's ids, numbers too
large for the database), requests every address anonymously, as our coordinator and
as another municipality's coordinator, with tampered query strings, then parses the
forms on every page it gets and posts each field tampered in turn (NUL, huge, invalid
UTF-8, wrong type), duplicated parameters, an empty body and a body without CSRF
token. Any 5xx fails the route; the status table is printed at the end of the run.
"""

import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

import pytest

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern

SOURCE = Path(__file__).resolve().parent.parent / "weltoffen"
STATUSES: Counter = Counter()
REQUESTS: Counter = Counter()

# Wagtail's admin and its document server are tested by Wagtail; this walks our site,
# the account pages of allauth included.
SKIPPED_PREFIXES = ("admin/", "documents/", "static/", "media/")
HUGE = "x" * 20_000
NUL = "a\x00b"


def source_names(kind: str) -> list[str]:
    """Parameter names the views read, found in the source so new ones are covered."""
    names = set()
    for path in SOURCE.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        names |= set(re.findall(rf'request\.{kind}\.get(?:list)?\(\s*"([^"]+)"', path.read_text()))
    return sorted(names | {"q", "page", "next", "seite"})


def walk(patterns, prefix=""):
    """(route with <converter:name> placeholders, pattern name) for every URL."""
    for entry in patterns:
        pattern = entry.pattern
        if isinstance(pattern, LocalePrefixPattern):
            part = ""
        elif isinstance(pattern, RoutePattern):
            part = str(pattern._route)
        elif isinstance(pattern, RegexPattern):
            part = "<regex:" + pattern._regex + ">"
        else:  # pragma: no cover - no other pattern types exist
            part = str(pattern)
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, prefix + part)
        elif isinstance(entry, URLPattern):
            yield prefix + part


def routes() -> list[str]:
    seen = []
    for route in walk(get_resolver().url_patterns):
        if route.startswith(SKIPPED_PREFIXES) or route in seen:
            continue
        seen.append(route)
    return seen


PLACEHOLDER = re.compile(r"<(?:(\w+):)?(\w+)>")


class World:
    """Our municipality's team, round, a respondent and a single-link Selbstcheck, and
    another municipality's team: the values valid and foreign placeholders take."""

    def __init__(self):
        from weltoffen.municipalities.tests.factories import MunicipalityFactory
        from weltoffen.selfcheck.tests.factories import AssessmentFactory
        from weltoffen.teams import rounds
        from weltoffen.teams.models import Membership
        from weltoffen.teams.tests.factories import UserFactory, make_team

        self.ours = make_team(MunicipalityFactory(ags="03103000", short_name="Wolfsburg"))
        self.theirs = make_team(MunicipalityFactory(ags="09162000", short_name="München"), name="Team München")
        member = UserFactory(email="mitglied@wolfsburg.example")
        self.membership = Membership.objects.create(team=self.ours, user=member, role=Membership.Role.MEMBER)
        self.round = self.ours.current_round()
        self.foreign_round = self.theirs.current_round()
        self.respondent, self.respondent_token = rounds.invite(
            assessment=self.round, invited_by=self.ours.coordinator, email="x@wolfsburg.example", department="jugend"
        )
        self.foreign_respondent, _ = rounds.invite(
            assessment=self.foreign_round,
            invited_by=self.theirs.coordinator,
            email="y@muenchen.example",
            department="jugend",
        )
        self.single = AssessmentFactory(title="Einzel-Selbstcheck")
        self.field_key = self.single.version.fields.order_by("number").first().key
        self.question_key = self.single.version.questions.filter(field__key=self.field_key).first().key

    def values(self, route: str, converter: str, name: str) -> list[str]:
        if name == "token":
            return [self.single.token, self.respondent_token, "x" * 43, NUL, HUGE]
        if converter == "int":
            if route.startswith(("team/einladungen", "en/team/einladungen")) or "einladungen" in route:
                own, foreign = self.respondent.pk, self.foreign_respondent.pk
            elif "mitglieder" in route:
                own, foreign = self.membership.pk, self.theirs.memberships.first().pk
            else:
                own, foreign = self.round.pk, self.foreign_round.pk
            return [str(own), str(foreign), "0", "9" * 30]
        if name == "field_key":
            return [self.field_key, "unbekannt"]
        if name == "question_key":
            return [self.question_key, NUL, HUGE]
        if name == "ags":
            return ["03103000", NUL, HUGE]
        if name == "action":
            return ["erneut-senden", "neuer-link", "unbekannt"]
        return ["x", NUL, HUGE]


def addresses(world: World, route: str) -> list[str]:
    """The route with each placeholder varied in turn, the others valid."""
    if route.startswith("<regex:"):
        # Wagtail's page tree.
        return ["/", "/impressum/", "/" + quote(NUL) + "/", "/" + "a/" * 300]
    slots = PLACEHOLDER.findall(route)
    valid = {name: world.values(route, conv, name)[0] for conv, name in slots}

    def build(values):
        return "/" + PLACEHOLDER.sub(lambda m: quote(values[m.group(2)], safe=""), route)

    result = [build(valid)]
    for conv, name in slots:
        for value in world.values(route, conv, name)[1:]:
            result.append(build({**valid, name: value}))
    return result


class Forms(HTMLParser):
    """Forms of a page: (method, action, [(name, value)]), htmx posts included."""

    def __init__(self):
        super().__init__()
        self.forms: list[tuple[str, str, list[tuple[str, str]]]] = []
        self.current = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.current = (attrs.get("method", "get").lower(), attrs.get("action") or "", [])
            self.forms.append(self.current)
        if "hx-post" in attrs:
            named = [(attrs["name"], attrs.get("value") or "")] if attrs.get("name") else []
            self.forms.append(("post", attrs["hx-post"], named))
        if self.current and tag in {"input", "textarea", "select", "button"} and attrs.get("name"):
            unchecked = tag == "input" and attrs.get("type") in {"checkbox", "radio"} and "checked" not in attrs
            if unchecked and any(name == attrs["name"] for name, _ in self.current[2]):
                return
            self.current[2].append((attrs["name"], attrs.get("value") or ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None


def kinds(fields):
    """One field per kind (`answer:q1` and `answer:q2` are one kind): enough to reach
    every parser without posting every question of a long page."""
    seen, result = set(), []
    for name, _ in fields:
        kind = name.split(":", 1)[0]
        if kind not in seen and name != "csrfmiddlewaretoken":
            seen.add(kind)
            result.append(name)
    return result


def encode(pairs) -> bytes:
    parts = []
    for name, value in pairs:
        raw = value if isinstance(value, bytes) else str(value).encode()
        parts.append(quote(name).encode() + b"=" + quote(raw, safe="").encode())
    return b"&".join(parts)


TAMPERED_VALUES = {"nul": NUL, "huge": HUGE, "invalid-utf8": b"\xff\xfe\xfd", "list": "['1', '2']", "number": "-1e308"}


class Prober:
    def __init__(self, route):
        self.route = route
        self.failures = []

    def record(self, client_name, method, url, response):
        STATUSES[response.status_code] += 1
        REQUESTS[method] += 1
        if response.status_code >= 500:
            self.failures.append(f"{client_name} {method} {url[:200]!r} → {response.status_code}")
        return response

    def get(self, client_name, client, url):
        return self.record(client_name, "GET", url, client.get(url))

    def post(self, client_name, client, url, body: bytes, **extra):
        response = client.generic("POST", url, body, content_type="application/x-www-form-urlencoded", **extra)
        return self.record(client_name, "POST", url, response)


def clients(world):
    anonymous = Client(raise_request_exception=False)
    coordinator = Client(raise_request_exception=False)
    coordinator.force_login(world.ours.coordinator)
    foreign = Client(raise_request_exception=False)
    foreign.force_login(world.theirs.coordinator)
    strict = Client(raise_request_exception=False, enforce_csrf_checks=True)
    strict.force_login(world.ours.coordinator)
    return {"anonymous": anonymous, "coordinator": coordinator, "foreign": foreign}, strict


ROUTES = routes()


@pytest.fixture(scope="module", autouse=True)
def _status_table(request):
    yield
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None or not STATUSES:
        return
    reporter.write_line("")
    reporter.write_line(
        f"fuzz: {sum(STATUSES.values())} requests ({REQUESTS['GET']} GET, {REQUESTS['POST']} POST) on {len(ROUTES)} routes"
    )
    for status, count in sorted(STATUSES.items()):
        reporter.write_line(f"  {status}: {count}")


@pytest.mark.parametrize("route", ROUTES)
def test_no_tampered_request_answers_with_a_server_error(catalogue, route):
    world = World()
    named, strict = clients(world)
    probe = Prober(route)
    query_names = source_names("GET")
    post_names = source_names("POST")
    is_download = route.endswith((".pdf", ".csv", ".xlsx"))
    tampered_forms = set()
    for index, url in enumerate(addresses(world, route)):
        for client_name, client in named.items():
            response = probe.get(client_name, client, url)
            if "html" not in response.get("Content-Type", "") or is_download:
                continue  # a download: its answer to tampering is the same file or 404
            if index:
                probe.post(client_name, client, url, encode([(name, NUL) for name in post_names]))
                continue
            # Every parameter a view reads, all tampered at once (NUL is refused before
            # any view by the middleware, so one NUL request per address suffices).
            for value in (quote(NUL), HUGE[:5000], "%ff%fe", "-1", "1e999"):
                probe.get(client_name, client, url + "?" + "&".join(f"{name}={value}" for name in query_names))
            probe.get(client_name, client, url + "?" + "&".join(f"{n}=1&{n}=2&{n}=" for n in query_names))
            probe.post(client_name, client, url, encode([(name, HUGE) for name in post_names]))
            parser = Forms()
            parser.feed(response.content.decode())
            for method, action, fields in parser.forms:
                target = urljoin(url, action or url)
                signature = (client_name != "anonymous", method, urlsplit(target).path, tuple(kinds(fields)))
                if urlsplit(target).path.startswith(tuple("/" + p for p in SKIPPED_PREFIXES)):
                    continue
                if signature in tampered_forms:
                    continue
                tampered_forms.add(signature)
                variants = []
                for name in kinds(fields):
                    for tampered in TAMPERED_VALUES.values():
                        variants.append([(n, tampered if n == name else v) for n, v in fields])
                variants.append(fields + fields)  # every parameter twice
                variants.append([])
                variants.append([(n, v) for n, v in fields if n != "version"] + [("version", "0")])
                for pairs in variants:
                    if method == "post":
                        probe.post(client_name, client, target, encode(pairs))
                    else:
                        probe.get(client_name, client, target + "?" + encode(pairs).decode())
                if method == "post" and client_name == "coordinator":
                    probe.post("no-csrf", strict, target, encode(fields))
    assert not probe.failures, "\n".join(probe.failures)
