"""The web fonts are KERN's Fira Sans cut to what German and English pages need."""

import re

import pytest
from fontTools.ttLib import TTFont

from django.conf import settings
from django.core.management import call_command

from weltoffen.pages import fonts

NEEDED = "AZaz09äöüÄÖÜß„“‚‘–—…•€§%×÷·Σ≥≤−→ÇçĞğŁłŞşŽž"
NOT_NEEDED = "ЖжΩ漢"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    target = tmp_path_factory.mktemp("fonts")
    return target, fonts.build(settings.FONT_SOURCE_DIR, target)


def test_every_weight_is_a_small_subset_with_the_characters_the_texts_use(built):
    _target, written = built
    faces = [path for path in written if path.suffix == ".woff2"]
    assert len(faces) == len(fonts.FACES)
    for path in faces:
        assert path.stat().st_size < 30_000, path.name  # the npm package's file is about 135 kB
        characters = TTFont(path).getBestCmap()
        assert [c for c in NEEDED if ord(c) not in characters] == [], path.name
        assert [c for c in NOT_NEEDED if ord(c) in characters] == [], path.name


def test_the_subset_keeps_kerning_and_tabular_figures(built):
    _target, written = built
    font = TTFont(next(path for path in written if path.name == "FiraSans-400.woff2"))
    features = {record.FeatureTag for record in font["GPOS"].table.FeatureList.FeatureRecord}
    features |= {record.FeatureTag for record in font["GSUB"].table.FeatureList.FeatureRecord}
    assert {"kern", "tnum"} <= features


def test_the_stylesheet_declares_each_face_with_its_range_and_swap(built):
    target, _written = built
    sheet = (target / fonts.STYLESHEET).read_text(encoding="utf-8")
    faces = re.findall(r"@font-face \{(.*?)\}", sheet, flags=re.S)
    assert len(faces) == len(fonts.FACES)
    for face in faces:
        assert "font-display: swap;" in face and f"unicode-range: {fonts.UNICODE_RANGE};" in face
        assert (target / re.search(r'url\("([^"]+)"\)', face).group(1)).exists()


def test_the_command_writes_into_the_folder_the_static_files_are_served_from(tmp_path, settings):
    settings.BUILT_FONTS_DIR = tmp_path / "fonts"
    call_command("build_fonts", verbosity=0)
    assert sorted(p.name for p in settings.BUILT_FONTS_DIR.iterdir()) == sorted(
        [fonts.file_name(weight, style) for _name, weight, style in fonts.FACES] + [fonts.STYLESHEET]
    )


def test_pages_load_the_subset_and_preload_the_regular_weight(client, catalogue):
    page = client.get("/selbstcheck/").content.decode()
    assert '<link rel="stylesheet" href="/static/fonts/fonts.css">' in page
    assert 'href="/static/fonts/FiraSans-400.woff2" as="font" type="font/woff2" crossorigin' in page
    assert "fira-sans.css" not in page
