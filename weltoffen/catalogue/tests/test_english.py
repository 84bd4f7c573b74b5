"""Catalogue v1 is complete in English, read straight from the YAML files (no database)."""

import copy

import pytest
import yaml

from weltoffen.catalogue.loading import DATA_DIR

V1 = DATA_DIR / "v1"
FIELD_FILES = sorted((V1 / "fields").glob("*.yaml"))
LEVELS = {"einstieg", "aufbau", "fortgeschritten", "vorreiter"}
# Keys holding German text for people to read; each needs an `<key>_en` twin.
TEXT_KEYS = {"label", "title", "summary", "description", "text", "help", "recommendation", "assessments"}


def read(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def missing_translations(node, where=""):
    """Every place below `node` where a German text has no non-empty English twin."""
    problems = []
    if isinstance(node, list):
        for index, item in enumerate(node):
            label = item.get("id") or item.get("key") if isinstance(item, dict) else None
            problems += missing_translations(item, f"{where}[{label or index}]")
    elif isinstance(node, dict):
        for key, value in node.items():
            if key in TEXT_KEYS and isinstance(value, str | dict):
                problems += missing_twin(node, key, f"{where}.{key}")
            if isinstance(value, list | dict) and not key.endswith("_en"):
                problems += missing_translations(value, f"{where}.{key}")
    return problems


def missing_twin(node, key, where):
    twin = node.get(f"{key}_en")
    if isinstance(node[key], dict):
        if not isinstance(twin, dict):
            return [f"{where}_en"]
        return [f"{where}_en.{k}" for k in node[key] if not str(twin.get(k) or "").strip()]
    return [] if str(twin or "").strip() else [f"{where}_en"]


def misplaced_twins(node, where=""):
    """English twins that do not directly follow their German key."""
    problems = []
    if isinstance(node, list):
        for index, item in enumerate(node):
            problems += misplaced_twins(item, f"{where}[{index}]")
    elif isinstance(node, dict):
        keys = list(node)
        for position, key in enumerate(keys):
            if key.endswith("_en") and key[:-3] in node and keys[position - 1] != key[:-3]:
                problems.append(f"{where}.{key}")
            problems += misplaced_twins(node[key], f"{where}.{key}")
    return problems


def english_texts(node):
    """All English strings below `node`."""
    if isinstance(node, list):
        for item in node:
            yield from english_texts(item)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key.endswith("_en") and isinstance(value, str):
                yield value
            elif key.endswith("_en") and isinstance(value, dict):
                yield from (v for v in value.values() if isinstance(v, str))
            else:
                yield from english_texts(value)


def test_catalogue_v1_has_seven_field_files_with_108_questions():
    assert len(FIELD_FILES) == 7
    assert sum(len(read(path)["questions"]) for path in FIELD_FILES) == 108


@pytest.mark.parametrize("path", [*FIELD_FILES, V1 / "catalogue.yaml"], ids=lambda p: p.name)
def test_every_german_text_of_v1_has_a_non_empty_english_twin(path):
    assert missing_translations(read(path)) == []


@pytest.mark.parametrize("path", FIELD_FILES, ids=lambda p: p.name)
def test_every_v1_question_has_english_text_help_and_recommendation(path):
    for question in read(path)["questions"]:
        for key in ("text_en", "help_en", "recommendation_en"):
            assert str(question.get(key) or "").strip(), f"{question['id']}: {key}"


@pytest.mark.parametrize("path", FIELD_FILES, ids=lambda p: p.name)
def test_english_level_texts_cover_exactly_the_four_levels(path):
    field = read(path)
    assert set(field["assessments"]) == LEVELS
    assert set(field["assessments_en"]) == LEVELS


@pytest.mark.parametrize("path", FIELD_FILES, ids=lambda p: p.name)
def test_english_question_texts_end_with_a_question_mark(path):
    not_questions = [q["id"] for q in read(path)["questions"] if not str(q.get("text_en") or "").strip().endswith("?")]
    assert not_questions == []


@pytest.mark.parametrize("path", [*FIELD_FILES, V1 / "catalogue.yaml"], ids=lambda p: p.name)
def test_english_twins_sit_directly_after_their_german_key(path):
    assert misplaced_twins(read(path)) == []


@pytest.mark.parametrize("path", [*FIELD_FILES, V1 / "catalogue.yaml"], ids=lambda p: p.name)
def test_english_texts_use_english_quotation_marks(path):
    assert [text for text in english_texts(read(path)) if "„" in text] == []


def test_the_check_reports_a_missing_question_translation():
    field = copy.deepcopy(read(FIELD_FILES[0]))
    del field["questions"][2]["help_en"]
    question_id = field["questions"][2]["id"]
    assert missing_translations(field) == [f".questions[{question_id}].help_en"]


def test_the_check_reports_an_empty_level_text_and_a_missing_subtopic_title():
    field = copy.deepcopy(read(next(p for p in FIELD_FILES if p.name.startswith("3-"))))
    field["assessments_en"]["aufbau"] = "  "
    del field["subtopics"][0]["title_en"]
    assert missing_translations(field) == [
        f".subtopics[{field['subtopics'][0]['key']}].title_en",
        ".assessments_en.aufbau",
    ]


def test_the_check_reports_a_scale_option_label_without_english():
    catalogue = copy.deepcopy(read(V1 / "catalogue.yaml"))
    del catalogue["scales"]["umsetzung"]["options"][1]["label_en"]
    del catalogue["label_en"]
    assert missing_translations(catalogue) == [".label_en", ".scales.umsetzung.options[1].label_en"]


def test_the_order_check_reports_a_twin_placed_elsewhere():
    question = {"id": "x", "text": "Frage?", "text_en": "Question?", "help": "Hilfe", "weight": 2, "help_en": "Help"}
    assert misplaced_twins({"questions": [question]}) == [".questions[0].help_en"]
