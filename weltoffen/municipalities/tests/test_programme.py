import re

import pytest

from weltoffen.municipalities.models import ProgrammeParticipation
from weltoffen.municipalities.programme import import_participations
from weltoffen.municipalities.register import RegisterError


@pytest.mark.django_db
def test_model_municipalities_import_idempotently_with_their_sources(register):
    assert import_participations() == 19
    assert import_participations() == 19
    assert ProgrammeParticipation.objects.count() == 19
    potsdam = ProgrammeParticipation.objects.get(municipality__ags="12054")
    assert potsdam.role == "modellkommune"
    assert potsdam.source_url.startswith("https://www.rbb24.de/")
    assert ProgrammeParticipation.objects.get(municipality__ags="09174136").part_of.ags == "09174"


@pytest.mark.django_db
def test_a_municipality_missing_from_the_register_stops_the_import(register, tmp_path):
    path = tmp_path / "modellkommunen.csv"
    path.write_text(
        "name,ags,type,land,rolle,teil_von_ags,source_url,hinweis\nNirgendwo,99999,kreis,X,modellkommune,,https://example.org,\n",
        encoding="utf-8",
    )
    with pytest.raises(RegisterError, match="99999"):
        import_participations(path)
    assert not ProgrammeParticipation.objects.filter(municipality__ags="99999").exists()


@pytest.mark.django_db
def test_the_page_lists_every_model_municipality_and_marks_them_on_the_map(client, register):
    import_participations()
    response = client.get("/modellkommunen/")
    content = response.content.decode()
    assert response.status_code == 200
    assert content.count('class="germany-map__marker') == 19
    assert content.count('class="germany-map__land"') == 16
    assert content.count('class="map-badge map-badge--') == 19 + 3 + 3  # list, legend, headings
    assert "(Modellkommune)</title>" in content
    assert 'href="/kommunen/12054/"' in content
    assert "© GeoBasis-DE / BKG 2021 (Daten verändert)" in content
    assert len(content) < 150_000


@pytest.mark.django_db
def test_map_numbers_match_the_list_and_crowded_markers_point_to_their_place(client, register):
    import_participations()
    content = client.get("/modellkommunen/").content.decode()
    titles = re.findall(r"<title>(\d+)\. ([^<]+) \(", content)
    badges = re.findall(
        r'map-badge--\w+">(\d+)<span class="visually-hidden">.</span></span> <a[^>]*>([^<]+)</a>', content
    )
    assert [int(number) for number, _ in titles] == list(range(1, 20))
    assert titles == badges
    # Model municipalities come first and keep their exact place; the towns of the
    # Donnersbergkreis and the Landkreis Dachau crowd around them and move aside.
    assert titles[0][1] == "Dachau"
    assert content.count('class="germany-map__leader"') >= 4
