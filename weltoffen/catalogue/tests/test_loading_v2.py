"""The loader's rules for catalogue version 2: English twins, anchors, dependencies, mapping."""

from pathlib import Path

import pytest
import yaml

from weltoffen.catalogue.loading import DATA_DIR, CatalogueError, load_all, read_version, version_directories
from weltoffen.catalogue.models import CatalogueFrozen, CatalogueVersion, Question

from .fixtures import write_v2
from .test_loading import edit, line_of


@pytest.fixture
def root(tmp_path) -> Path:
    write_v2(tmp_path / "data")
    return tmp_path / "data"


def problems_of(root: Path) -> list[str]:
    with pytest.raises(CatalogueError) as error:
        load_all(root)
    return error.value.problems


def test_the_method_data_of_version_2_is_valid(root):
    data = read_version(root / "v2")
    rules = {rule["level"]: rule for rule in data.method["level_rules"]}
    assert rules["fortgeschritten"]["foundation_min"] == 1
    assert rules["vorreiter"] == rules["vorreiter"] | {"foundation_min": 2, "evidence": True}
    assert data.method["dont_know_for_level"] == "zero"
    assert data.method["require_english"] is True


@pytest.mark.django_db
def test_v1_and_v2_load_and_v2_becomes_current_with_its_mapping(root):
    results = load_all(root)
    assert [(r.version.key, r.status) for r in results] == [("v1", "created"), ("v2", "created")]
    current = CatalogueVersion.objects.current()
    assert current.key == "v2"
    assert current.mapping["from"] == "v1"
    assert current.mapping_from("v1")["steuerung.leitbild"] == {"keys": ["steuerung.leitbild"], "change": "same"}
    leitbild = current.questions.get(key="steuerung.leitbild")
    assert leitbild.text_en.startswith("EN ")
    assert leitbild.anchors == {"0": "Nichts davon.", "3": "Alles davon, beschlossen."}
    assert leitbild.foundation is (leitbild.weight == 3)


@pytest.mark.django_db
def test_trifft_nicht_zu_is_offered_in_v2_only_where_a_question_sets_it(root):
    edit(root / "v2/fields/1-steuerung.yaml", "  foundation:", "  not_applicable: true\n  foundation:")
    load_all(root)
    v2 = Question.objects.filter(version__key="v2")
    assert list(v2.filter(not_applicable=True).values_list("position", "field__number")) == [(1, 1)]
    assert not Question.objects.filter(version__key="v1", not_applicable=False).exists()


@pytest.mark.django_db
def test_a_missing_english_question_text_is_refused_naming_file_and_line(root):
    path = root / "v2/fields/2-oeffnung.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    question = document["questions"][3]
    del question["text_en"]
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    problems = problems_of(root)
    text_line = line_of(path, f"- id: {question['id']}") + 1  # the German `text` right below the id
    assert problems == [
        f"{path}, Zeile {text_line}: Frage „{question['id']}“: „text_en“ fehlt: englische Fassung von „text“."
    ]
    assert not CatalogueVersion.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("assessments_en:\n  einstieg:", "assessments_en:\n  einstieg_x:", "„assessments_en“ fehlt für einstieg"),
        ("  anchors_en:\n    0: None of it.\n", "  anchors_en:\n", "„anchors_en“ fehlt für 0"),
        ("weights_rationale_en:", "weights_rationale_x:", "„weights_rationale_en“ fehlt"),
    ],
)
def test_every_german_text_needs_its_english_twin(root, old, new, message):
    edit(root / "v2/fields/1-steuerung.yaml", old, new)
    problems = problems_of(root)
    assert any(message in problem and "1-steuerung.yaml, Zeile" in problem for problem in problems), problems


@pytest.mark.django_db
def test_a_missing_english_method_text_names_the_line_in_catalogue_yaml(root):
    path = root / "v2/catalogue.yaml"
    line = line_of(path, "level: vorreiter")
    edit(path, '    text_en: >-\n      A field reaches "Pioneer"', '    text_x: >-\n      A field reaches "Pioneer"')
    problems = problems_of(root)
    assert any(p.startswith(f"{path}, Zeile ") and "Stufenregel „vorreiter“" in p for p in problems), problems
    assert int(next(p for p in problems if "vorreiter" in p).split("Zeile ")[1].split(":")[0]) > line


def test_version_1_also_refuses_a_missing_english_text_so_old_results_read_in_english(root):
    path = root / "v1/fields/1-steuerung.yaml"
    first = yaml.safe_load(path.read_text(encoding="utf-8"))["questions"][0]
    edit(path, first["text_en"], "")
    problems = problems_of(root)
    assert any(p.startswith(f"{path}, Zeile ") and "„text_en“ fehlt" in p for p in problems), problems


@pytest.mark.django_db
def test_a_frozen_v1_installed_before_english_was_required_takes_the_demand_as_a_translation(root):
    path = root / "v1/catalogue.yaml"
    edit(path, "require_english: true\n", "")
    load_all(root)
    v1 = CatalogueVersion.objects.get(key="v1")
    v1.freeze()
    assert "require_english" not in v1.method
    edit(path, "published: 2026-11-21\n", "published: 2026-11-21\nrequire_english: true\n")
    assert [r.status for r in load_all(root)] == ["translated", "unchanged"]
    v1.refresh_from_db()
    assert v1.method["require_english"] is True


@pytest.mark.django_db
def test_a_question_without_anchors_for_0_and_3_is_refused(root):
    edit(root / "v2/fields/4-arbeit.yaml", "    3: Alles davon, beschlossen.\n", "")
    problems = problems_of(root)
    assert any("Ankerbeispiele für 3 fehlen" in p and "4-arbeit.yaml" in p for p in problems), problems


@pytest.mark.django_db
def test_dependent_questions_in_a_cycle_are_refused(root):
    path = root / "v2/fields/5-beteiligung.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    first, second = document["questions"][0]["id"], document["questions"][1]["id"]
    assert document["questions"][1]["depends_on"] == first
    edit(path, "  foundation:", f"  depends_on: {second}\n  foundation:")
    problems = problems_of(root)
    assert any(f"im Kreis voneinander ab: {first} → {second} → {first}" in p for p in problems) or any(
        f"im Kreis voneinander ab: {second} → {first} → {second}" in p for p in problems
    ), problems


@pytest.mark.django_db
def test_a_dependency_on_an_unknown_question_is_refused(root):
    edit(root / "v2/fields/1-steuerung.yaml", "  foundation:", "  depends_on: steuerung.gibt-es-nicht\n  foundation:")
    problems = problems_of(root)
    assert any("„steuerung.gibt-es-nicht“, die es in diesem Handlungsfeld nicht gibt" in p for p in problems)


@pytest.mark.django_db
def test_a_mapping_to_an_unknown_v2_question_is_refused_naming_the_line(root):
    path = root / "v2/mapping.yaml"
    edit(path, "- steuerung.leitbild\n", "- steuerung.verschwunden\n")
    problems = problems_of(root)
    assert problems == [
        f"{path}, Zeile {line_of(path, 'steuerung.verschwunden') - 1}: „steuerung.verschwunden“ ist keine Frage von Version v2."
    ]
    assert not CatalogueVersion.objects.exists()


@pytest.mark.django_db
def test_a_mapping_from_an_unknown_v1_question_or_missing_one_is_refused(root):
    edit(root / "v2/mapping.yaml", "- v1: steuerung.leitbild\n", "- v1: steuerung.ausgedacht\n")
    problems = problems_of(root)
    assert any("„steuerung.ausgedacht“ ist keine Frage von Version v1." in p for p in problems)
    assert any("Fragen von Version v1 fehlen: steuerung.leitbild." in p for p in problems)


@pytest.mark.django_db
def test_a_v1_question_mapped_twice_is_refused(root):
    path = root / "v2/mapping.yaml"
    text = path.read_text(encoding="utf-8")
    entry = text[
        text.index("- v1: steuerung.leitbild") : text.index("- v1:", text.index("- v1: steuerung.leitbild") + 1)
    ]
    path.write_text(text + entry, encoding="utf-8")
    assert any("„steuerung.leitbild“ steht schon in Zeile" in p for p in problems_of(root))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "message"),
    [("dropped", "„dropped“ genau dann, wenn „v2“ leer ist"), ("renamed", "„change“: eine von same")],
)
def test_a_mapping_change_must_fit_its_targets(root, change, message):
    edit(root / "v2/mapping.yaml", "change: same", f"change: {change}")
    assert any(message in p for p in problems_of(root))


@pytest.mark.django_db
def test_a_frozen_version_takes_new_english_texts_but_no_german_change(root):
    load_all(root)
    v1 = CatalogueVersion.objects.get(key="v1")
    v1.freeze()
    path = root / "v1/fields/1-steuerung.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    first = document["questions"][0]
    edit(path, first["text_en"], "Is there a mission statement?")
    assert [r.status for r in load_all(root)] == ["translated", "unchanged"]
    assert Question.objects.get(version=v1, key=first["id"]).text_en == "Is there a mission statement?"
    edit(path, "weight: 3", "weight: 2")
    with pytest.raises(CatalogueFrozen):
        load_all(root)


def test_a_version_folder_without_question_files_is_not_a_version_yet(tmp_path):
    (tmp_path / "v1" / "fields").mkdir(parents=True)
    (tmp_path / "v1" / "catalogue.yaml").write_text("version: v1\n")
    (tmp_path / "v1" / "fields" / "1.yaml").write_text("key: x\n")
    (tmp_path / "v2").mkdir()
    (tmp_path / "v2" / "catalogue.yaml").write_text("version: v2\n")
    assert version_directories(tmp_path) == [tmp_path / "v1"]


def test_the_shipped_v2_method_file_is_in_place():
    assert (DATA_DIR / "v2" / "catalogue.yaml").exists()
