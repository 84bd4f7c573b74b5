"""A small catalogue version 2 for tests, built from the shipped v1 files.

Ten questions per field with English twins and anchors, the weight-3 questions as
foundations, one dependent question in field 5, and a mapping in which the rest of v1 is
dropped. Tests load it from a tmp directory; the real v2 questions are written separately.
"""

import shutil
from pathlib import Path

import yaml

from weltoffen.catalogue.loading import DATA_DIR

QUESTIONS_PER_FIELD = 10


def english(text: str) -> str:
    return f"EN {text}"


def v2_field(document: dict) -> dict:
    questions = []
    for question in document["questions"][:QUESTIONS_PER_FIELD]:
        question = dict(question)
        for name in ("text", "help", "recommendation"):
            question[f"{name}_en"] = english(question[name]) if name != "text" else english(question[name])
        question["anchors"] = {0: "Nichts davon.", 3: "Alles davon, beschlossen."}
        question["anchors_en"] = {0: "None of it.", 3: "All of it, adopted."}
        question["foundation"] = question["weight"] == 3
        questions.append(question)
    if document["key"] == "beteiligung":
        questions[1]["depends_on"] = questions[0]["id"]
    field = {key: value for key, value in document.items() if key not in ("questions", "assessments_en", "subtopics")}
    for name in ("title", "summary", "description"):
        field[f"{name}_en"] = english(document[name])
    field["weights_rationale"] = "Die grundlegenden Fragen wiegen am meisten."
    field["weights_rationale_en"] = "The foundation questions weigh most."
    field["assessments_en"] = {key: english(text) for key, text in document["assessments"].items()}
    used = {q.get("subtopic") for q in questions}
    if document.get("subtopics"):
        field["subtopics"] = [
            {**sub, "title_en": english(sub["title"])} for sub in document["subtopics"] if sub["key"] in used
        ]
    field["questions"] = questions
    return field


def write_v2(root: Path) -> Path:
    """Write v1 (as shipped) and the fixture v2 (with data/v2/catalogue.yaml) under `root`."""
    shutil.copytree(DATA_DIR / "v1", root / "v1", dirs_exist_ok=True)
    target = root / "v2"
    (target / "fields").mkdir(parents=True, exist_ok=True)
    shutil.copy(DATA_DIR / "v2" / "catalogue.yaml", target / "catalogue.yaml")
    mapping = []
    for path in sorted((DATA_DIR / "v1" / "fields").glob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        field = v2_field(document)
        (target / "fields" / path.name).write_text(yaml.safe_dump(field, allow_unicode=True, sort_keys=False))
        kept = {q["id"] for q in field["questions"]}
        for question in document["questions"]:
            entry = {"v1": question["id"], "v2": [question["id"]] if question["id"] in kept else []}
            entry["change"] = "same" if entry["v2"] else "dropped"
            mapping.append(entry)
    (target / "mapping.yaml").write_text(yaml.safe_dump({"from": "v1", "questions": mapping}, sort_keys=False))
    return target
