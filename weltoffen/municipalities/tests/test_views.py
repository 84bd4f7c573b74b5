import pytest

from django.urls import reverse

from .factories import MunicipalityFactory


@pytest.fixture
def munich(db):
    bayern = MunicipalityFactory(ags="09", name="Bayern", short_name="Bayern", kind="land", population=13_000_000)
    return MunicipalityFactory(
        ags="09162",
        name="München, Landeshauptstadt",
        short_name="München",
        kind="kreisfreie_stadt",
        population=1_505_005,
        parent=bayern,
        land=bayern,
    )


def test_search_page_lists_results_with_a_count(client, munich):
    response = client.get(reverse("municipalities:search"), {"q": "Muenchen"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "1 Treffer für „Muenchen“" in content
    assert 'href="/kommunen/09162/"' in content


def test_search_page_without_query_shows_the_form_only(client, db):
    response = client.get(reverse("municipalities:search"))
    assert response.status_code == 200
    assert "Treffer" not in response.content.decode()


def test_overlong_query_is_a_clear_400_not_an_error(client, db):
    response = client.get(reverse("municipalities:search"), {"q": "x" * 500})
    assert response.status_code == 400
    assert "höchstens 100 Zeichen" in response.content.decode()


def test_htmx_request_gets_only_the_listbox_options(client, munich):
    response = client.get(reverse("municipalities:search"), {"q": "Münch", "suggest": "1"}, HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert content.lstrip().startswith("<li")
    assert 'role="option"' in content
    assert 'data-url="/kommunen/09162/"' in content
    assert "<html" not in content


def test_suggestion_url_without_htmx_answers_with_the_full_page(client, munich):
    response = client.get(reverse("municipalities:search"), {"q": "Münch", "suggest": "1"})
    assert "<html" in response.content.decode()


def test_detail_page_shows_facts_with_german_number_formatting(client, munich):
    response = client.get(munich.get_absolute_url())
    content = response.content.decode()
    assert response.status_code == 200
    assert "1.505.005" in content
    assert "Großstadt (ab 100.000 Einwohner:innen)" in content
    assert 'href="/kommunen/09/"' in content


def test_detail_page_in_english_uses_english_number_formatting(client, munich):
    response = client.get(f"/en{munich.get_absolute_url()}")
    assert "1,505,005" in response.content.decode()


def test_unknown_ags_is_404(client, db):
    assert client.get("/kommunen/00000/").status_code == 404


def test_land_page_lists_its_kreise(client, munich):
    response = client.get("/kommunen/09/")
    assert "München" in response.content.decode()
