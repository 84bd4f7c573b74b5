import pytest

from django.db import connection
from django.http import HttpResponse, StreamingHttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from weltoffen import page_cache
from weltoffen.pages.models import StandardPage


@pytest.fixture
def site(knowledge_site, settings):
    settings.PAGE_CACHE_SECONDS = 60


def test_a_second_anonymous_visit_of_a_public_page_runs_no_query(site, client, django_assert_num_queries):
    first = client.get("/impressum/")
    with django_assert_num_queries(0):
        second = client.get("/impressum/")
    assert second.status_code == 200
    assert second.content == first.content


def test_publishing_a_page_shows_the_change_to_the_next_visitor(site, client):
    client.get("/impressum/")
    imprint = StandardPage.objects.get(slug="impressum")
    imprint.intro = "Neu von der Redaktion."
    imprint.save_revision().publish()
    assert "Neu von der Redaktion." in client.get("/impressum/").content.decode()


def test_unpublishing_a_page_removes_it_for_the_next_visitor(site, client):
    assert client.get("/impressum/").status_code == 200
    StandardPage.objects.get(slug="impressum").unpublish()
    assert client.get("/impressum/").status_code == 404


def test_english_and_german_pages_are_cached_apart(site, client):
    german = client.get("/selbstcheck/methodik/").content
    english = client.get("/en/selbstcheck/methodik/").content
    assert german != english
    assert client.get("/en/selbstcheck/methodik/").content == english


def test_a_visitor_with_a_session_is_never_served_from_the_cache(site, client):
    client.get("/impressum/")
    client.cookies["sessionid"] = "irgendeine-sitzung"
    with CaptureQueriesContext(connection) as queries:
        client.get("/impressum/")
    assert len(queries) > 0


def test_a_public_page_with_a_csrf_form_is_not_stored(site, client):
    from weltoffen.knowledge.models import ContactPage

    path = ContactPage.objects.live().get().url
    assert "csrfmiddlewaretoken" in client.get(path).content.decode()
    assert not any(key.endswith(path) for key in cache_keys())
    client.cookies.clear()
    client.get("/impressum/")
    assert any(key.endswith("/impressum/") for key in cache_keys())


def test_a_secret_link_is_never_stored_in_the_cache(site, client, assessment):
    token = assessment.token
    client.get(f"/selbstcheck/a/{token}/ergebnis/")
    assert client.get(f"/selbstcheck/a/{token}/ergebnis/").status_code == 200
    assert not any(token in key for key in cache_keys())


def test_loading_the_catalogue_starts_a_new_generation(site):
    from weltoffen.catalogue.loading import load_all

    before = page_cache.generation()
    load_all()
    assert page_cache.generation() != before


def test_importing_the_register_starts_a_new_generation(db, tmp_path):
    from weltoffen.municipalities.register import DEFAULT_REGISTER_FILE, import_register

    excerpt = tmp_path / "kommunen.csv"
    lines = DEFAULT_REGISTER_FILE.read_text(encoding="utf-8").splitlines(keepends=True)
    excerpt.write_text("".join(lines[:3]), encoding="utf-8")  # header, a Land and a city
    before = page_cache.generation()
    import_register(excerpt)
    assert page_cache.generation() != before


def request(path="/", method="get", cookies=None, **headers):
    made = getattr(RequestFactory(), method)(path, headers=headers)
    made.COOKIES.update(cookies or {})
    return made


@pytest.mark.parametrize(
    ("made", "cacheable"),
    [
        (request(), True),
        (request("/wissen/?seite=2"), True),
        (request(method="post"), False),
        (request(method="head"), False),
        (request(HX_Request="true"), False),
        (request(Authorization="Bearer x"), False),
        (request("/admin/"), False),
        (request("/konto/login/"), False),
        (request("/en/konto/login/"), False),
        (request(cookies={"sessionid": "x"}), False),
        (request(cookies={"csrftoken": "x"}), False),
        (request(cookies={"messages": "x"}), False),
    ],
)
def test_only_plain_anonymous_gets_are_looked_up(made, cacheable):
    assert page_cache.request_is_cacheable(made) is cacheable


def with_cookie():
    response = HttpResponse("x")
    response.set_cookie("csrftoken", "y")
    return response


def with_header(name, value):
    response = HttpResponse("x")
    response[name] = value
    return response


@pytest.mark.parametrize(
    ("response", "cacheable"),
    [
        (HttpResponse("x"), True),
        (with_header("Cache-Control", "max-age=60"), True),
        (HttpResponse("x", status=404), False),
        (HttpResponse("x", status=302), False),
        (StreamingHttpResponse(iter(["x"])), False),
        (with_cookie(), False),
        (with_header("Cache-Control", "private"), False),
        (with_header("Cache-Control", "no-store"), False),
        (with_header("Cache-Control", "max-age=0, no-cache"), False),
    ],
)
def test_only_plain_successful_responses_without_cookies_are_stored(response, cacheable):
    assert page_cache.response_is_cacheable(response) is cacheable


def cache_keys():
    from django.core.cache import cache

    return list(cache._cache.keys())  # locmem: the keys as stored, with their prefix
