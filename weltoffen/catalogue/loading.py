"""Load the versioned question catalogue from YAML, validate it, install it.

A version lives in `data/<key>/`: `catalogue.yaml` (version, scales, levels,
thresholds) and `fields/*.yaml` (one Handlungsfeld each). Validation collects every
problem with file and line before anything is written; installation is atomic and
refuses to change a version that answers already refer to.
"""

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from django.db import transaction
from django.dispatch import Signal

from weltoffen import page_cache

from .models import CatalogueFrozen, CatalogueVersion, FieldOfAction, Question, SubTopic

DATA_DIR = Path(__file__).resolve().parent / "data"
LEVEL_KEYS = ("einstieg", "aufbau", "fortgeschritten", "vorreiter")
SCALE_VALUES = [0, 1, 2, 3]
QUESTION_KEY = re.compile(r"^[a-z0-9-]+\.[a-z0-9-]+$")
SLUG = re.compile(r"^[a-z0-9-]+$")
TAG = re.compile(r"^[a-z0-9-]+$")
FIELD_COUNT = 7

# Sent after `load_all` has installed the versions. Higher apps that keep something derived
# from the current catalogue (the site search) refresh it; this app knows none of them.
catalogue_loaded = Signal()


class CatalogueError(ValueError):
    """The catalogue files are invalid; `problems` lists each with file and line."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


class Node(dict):
    """A YAML mapping that remembers the line of each of its keys."""

    line: int = 0
    key_lines: dict


class LineLoader(yaml.SafeLoader):
    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _value in node.value:
            if key_node.value in seen:
                # PyYAML would silently keep the last value; a repeated key is an editing mistake.
                raise yaml.constructor.ConstructorError(
                    None, None, f"„{key_node.value}“ kommt doppelt vor", key_node.start_mark
                )
            seen.add(key_node.value)
        mapping = Node(super().construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {key.value: key.start_mark.line + 1 for key, _ in node.value}
        return mapping


LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, LineLoader.construct_mapping)


@dataclass
class CatalogueData:
    """A validated version, ready to install."""

    key: str
    label: str
    published_on: date
    method: dict
    fields: list[dict]
    digest: str
    problems: list[str] = field(default_factory=list)
    mapping_source: "Node | None" = None
    mapping_path: Path | None = None
    mapping: dict = field(default_factory=dict)  # validated by check_mapping

    @property
    def question_count(self) -> int:
        return sum(len(f["questions"]) for f in self.fields)


class Checker:
    """Collects problems as "file, Zeile n: message"."""

    def __init__(self):
        self.problems: list[str] = []

    def fail(self, path: Path, line: int, message: str) -> None:
        self.problems.append(f"{path}, Zeile {line}: {message}")

    def require(self, mapping: Node, path: Path, key: str, kind=str, where: str = "") -> object:
        """Return mapping[key] if present and of the right type, else record why not."""
        label = f"{where} „{key}“".strip()
        if key not in mapping:
            self.fail(path, mapping.line, f"{label}: Angabe fehlt.")
            return None
        value = mapping[key]
        line = mapping.key_lines.get(key, mapping.line)
        if kind is str and (not isinstance(value, str) or not value.strip()):
            self.fail(path, line, f"{label}: Text erwartet.")
            return None
        if kind is not str and (not isinstance(value, kind) or isinstance(value, bool) and kind is int):
            expected = {int: "eine ganze Zahl", list: "eine Liste", dict: "Schlüssel mit Werten", float: "eine Zahl"}
            self.fail(path, line, f"{label}: {expected.get(kind, kind.__name__)} erwartet.")
            return None
        return value.strip() if isinstance(value, str) else value


def parse_yaml(path: Path, checker: Checker) -> Node | None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        checker.fail(path, 1, f"Datei kann nicht gelesen werden ({error}).")
        return None
    try:
        document = yaml.load(text, Loader=LineLoader)  # noqa: S506 - LineLoader is a SafeLoader
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        checker.fail(path, line, f"kein gültiges YAML: {error.problem or error.context}.")
        return None
    if not isinstance(document, Node):
        checker.fail(path, 1, "Die Datei muss Schlüssel mit Werten enthalten.")
        return None
    return document


def read_version(directory: Path) -> CatalogueData:
    """Parse and validate one version directory; raise CatalogueError listing every problem."""
    checker = Checker()
    meta_path = directory / "catalogue.yaml"
    field_paths = sorted((directory / "fields").glob("*.yaml"))
    meta = parse_yaml(meta_path, checker) if meta_path.exists() else None
    if meta_path.exists() is False:
        checker.fail(meta_path, 1, "Datei fehlt.")
    method, key, label, published_on = {}, "", "", None
    if meta is not None:
        key = checker.require(meta, meta_path, "version") or ""
        if key and not SLUG.match(key):
            checker.fail(
                meta_path, meta.key_lines["version"], "„version“: nur Kleinbuchstaben, Ziffern und Bindestriche."
            )
        label = checker.require(meta, meta_path, "label") or ""
        published_on = meta.get("published")
        if not isinstance(published_on, date):
            checker.fail(
                meta_path, meta.key_lines.get("published", meta.line), "„published“: Datum (JJJJ-MM-TT) erwartet."
            )
        method = check_method(meta, meta_path, checker)
    fields = []
    if len(field_paths) != FIELD_COUNT:
        checker.fail(directory / "fields", 1, f"{FIELD_COUNT} Handlungsfelder erwartet, {len(field_paths)} gefunden.")
    for path in field_paths:
        document = parse_yaml(path, checker)
        if document is not None:
            fields.append(check_field(document, path, method, checker))
    check_uniqueness(fields, checker)
    check_dependencies(fields, checker)
    if method.get("require_english"):
        check_english(meta, meta_path, fields, checker)
    mapping_path = directory / "mapping.yaml"
    mapping = parse_yaml(mapping_path, checker) if mapping_path.exists() else None
    if checker.problems:
        raise CatalogueError(checker.problems)
    digest = hashlib.sha256()
    for path in [meta_path, *field_paths, *([mapping_path] if mapping is not None else [])]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return CatalogueData(
        key=key,
        label=label,
        published_on=published_on,
        method=method,
        fields=sorted(fields, key=lambda f: f["number"]),
        digest=digest.hexdigest(),
        mapping_source=mapping,
        mapping_path=mapping_path,
    )


def check_method(meta: Node, path: Path, checker: Checker) -> dict:
    scales = checker.require(meta, path, "scales", dict) or {}
    for scale_key, scale in scales.items():
        line = scales.key_lines.get(scale_key, scales.line)
        if not isinstance(scale, Node):
            checker.fail(path, line, f"Skala „{scale_key}“: Schlüssel mit Werten erwartet.")
            continue
        checker.require(scale, path, "label", where=f"Skala „{scale_key}“:")
        options = checker.require(scale, path, "options", list, where=f"Skala „{scale_key}“:") or []
        values = [option.get("value") for option in options if isinstance(option, Node)]
        if values != SCALE_VALUES:
            checker.fail(path, line, f"Skala „{scale_key}“: Antwortwerte müssen 0, 1, 2, 3 sein (gefunden: {values}).")
        for option in options:
            if isinstance(option, Node):
                checker.require(option, path, "label", where=f"Skala „{scale_key}“, Wert {option.get('value')}:")
    if scales and "umsetzung" not in scales:
        checker.fail(path, scales.line, "Die Standardskala „umsetzung“ fehlt.")
    levels = checker.require(meta, path, "levels", list) or []
    level_keys = [level.get("key") for level in levels if isinstance(level, Node)]
    if level_keys != list(LEVEL_KEYS):
        checker.fail(path, meta.key_lines.get("levels", meta.line), f"Stufen müssen {', '.join(LEVEL_KEYS)} sein.")
    minimums = [level.get("min") for level in levels if isinstance(level, Node)]
    if minimums and (
        minimums[0] != 0 or any(not isinstance(m, int) for m in minimums) or minimums != sorted(set(minimums))
    ):
        checker.fail(path, meta.key_lines.get("levels", meta.line), "Stufen: „min“ muss bei 0 beginnen und steigen.")
    for level in levels:
        if isinstance(level, Node):
            checker.require(level, path, "label", where=f"Stufe „{level.get('key')}“:")
    threshold = meta.get("coverage_threshold")
    if not isinstance(threshold, int | float) or isinstance(threshold, bool) or not 0 < threshold <= 1:
        checker.fail(
            path,
            meta.key_lines.get("coverage_threshold", meta.line),
            "„coverage_threshold“: Zahl über 0 und höchstens 1 erwartet.",
        )
    spread = meta.get("discussion_spread")
    if not isinstance(spread, int) or isinstance(spread, bool) or not 1 <= spread <= 3:
        checker.fail(
            path,
            meta.key_lines.get("discussion_spread", meta.line),
            "„discussion_spread“: ganze Zahl von 1 bis 3 erwartet.",
        )
    consensus = checker.require(meta, path, "consensus", dict) or {}
    high, medium = consensus.get("high"), consensus.get("medium")
    if consensus and not all(isinstance(v, int | float) and not isinstance(v, bool) for v in (high, medium)):
        checker.fail(path, consensus.line, "„consensus“: Zahlen für „high“ und „medium“ erwartet.")
    elif consensus and not 0 < medium < high <= 1:
        checker.fail(path, consensus.line, "„consensus“: 0 < medium < high ≤ 1 erwartet.")
    method = {
        "scales": scales,
        "levels": levels,
        "coverage_threshold": threshold,
        "discussion_spread": spread,
        "consensus": consensus,
    }
    # Keys of method version 2; a version without them keeps the method it was answered with.
    for name in ("label_en", "method_label", "method_label_en"):
        if name in meta:
            method[name] = checker.require(meta, path, name)
    for name in ("require_english", "require_anchors", "not_applicable_by_default"):
        if name in meta:
            if not isinstance(meta[name], bool):
                checker.fail(path, meta.key_lines[name], f"„{name}“: true oder false erwartet.")
            method[name] = meta[name] is True
    if "dont_know_for_level" in meta:
        if meta["dont_know_for_level"] not in ("zero", "excluded"):
            checker.fail(path, meta.key_lines["dont_know_for_level"], "„dont_know_for_level“: zero oder excluded.")
        method["dont_know_for_level"] = meta["dont_know_for_level"]
    if "level_rules" in meta:
        method["level_rules"] = check_level_rules(meta, path, checker)
    for name in METHOD_TEXTS:
        if name in meta:
            section = checker.require(meta, path, name, dict) or {}
            checker.require(section, path, "text", where=f"„{name}“:") if section else None
            method[name] = section
    return plain(method)


# Texts of the method that the Methodik page shows, each with `text` and `text_en`.
METHOD_TEXTS = ("evidence", "dependents", "foundations")


def check_level_rules(meta: Node, path: Path, checker: Checker) -> list:
    """`level_rules`: [{level, foundation_min, evidence?, text, text_en}], see data/v2/catalogue.yaml."""
    rules = checker.require(meta, path, "level_rules", list) or []
    seen = set()
    for rule in rules:
        if not isinstance(rule, Node):
            checker.fail(path, meta.key_lines["level_rules"], "Stufenregel: Schlüssel mit Werten erwartet.")
            continue
        level = rule.get("level")
        if level not in LEVEL_KEYS[1:]:
            checker.fail(path, rule.line, f"Stufenregel: „level“ muss eine von {', '.join(LEVEL_KEYS[1:])} sein.")
        elif level in seen:
            checker.fail(path, rule.line, f"Stufenregel für „{level}“ ist doppelt.")
        seen.add(level)
        minimum = rule.get("foundation_min")
        if not isinstance(minimum, int) or isinstance(minimum, bool) or not 0 <= minimum <= 3:
            checker.fail(path, rule.key_lines.get("foundation_min", rule.line), "„foundation_min“: 0 bis 3 erwartet.")
        if not isinstance(rule.get("evidence", False), bool):
            checker.fail(path, rule.key_lines["evidence"], "„evidence“: true oder false erwartet.")
        checker.require(rule, path, "text", where=f"Stufenregel „{level}“:")
    return rules


def check_field(document: Node, path: Path, method: dict, checker: Checker) -> dict:
    key = checker.require(document, path, "key") or ""
    number = checker.require(document, path, "number", int)
    for name in ("title", "summary", "description"):
        checker.require(document, path, name)
    subtopics = document.get("subtopics") or []
    if not isinstance(subtopics, list):
        checker.fail(path, document.key_lines["subtopics"], "„subtopics“: Liste erwartet.")
        subtopics = []
    subtopic_keys = []
    for subtopic in subtopics:
        if not isinstance(subtopic, Node):
            checker.fail(path, document.key_lines["subtopics"], "Unterthema: Schlüssel mit Werten erwartet.")
            continue
        sub_key = checker.require(subtopic, path, "key", where="Unterthema:")
        checker.require(subtopic, path, "title", where="Unterthema:")
        if sub_key in subtopic_keys:
            checker.fail(path, subtopic.line, f"Unterthema „{sub_key}“ ist doppelt.")
        subtopic_keys.append(sub_key)
    assessments = checker.require(document, path, "assessments", dict) or {}
    for level_key in LEVEL_KEYS:
        if assessments and not isinstance(assessments.get(level_key), str):
            checker.fail(path, assessments.line, f"Einschätzung für die Stufe „{level_key}“ fehlt.")
    questions = checker.require(document, path, "questions", list) or []
    scales = method.get("scales") or {}
    for question in questions:
        if not isinstance(question, Node):
            checker.fail(path, document.key_lines["questions"], "Frage: Schlüssel mit Werten erwartet.")
            continue
        check_question(question, path, key, subtopic_keys, scales, checker)
        check_question_v2(question, path, method, checker)
    if len(questions) < 10:
        checker.fail(
            path,
            document.key_lines.get("questions", document.line),
            f"Mindestens 10 Fragen je Handlungsfeld, gefunden: {len(questions)}.",
        )
    return plain(
        {
            **document,
            "key": key,
            "number": number,
            "subtopics": subtopics,
            "questions": questions,
            "_path": str(path),
            "_lines": {q.get("id"): q.line for q in questions if isinstance(q, Node)},
        }
    ) | {"_source": document}


def check_question(question: Node, path: Path, field_key: str, subtopic_keys: list, scales: dict, checker: Checker):
    question_id = checker.require(question, path, "id", where="Frage:")
    where = f"Frage „{question_id}“:"
    if question_id and not QUESTION_KEY.match(question_id):
        checker.fail(
            path,
            question.line,
            f"{where} Kennung muss „feld.stichwort“ aus Kleinbuchstaben, Ziffern und Bindestrichen sein.",
        )
    elif question_id and field_key and not question_id.startswith(f"{field_key}."):
        checker.fail(path, question.line, f"{where} Kennung muss mit „{field_key}.“ beginnen.")
    text = checker.require(question, path, "text", where=where)
    if text and not text.endswith("?"):
        checker.fail(path, question.key_lines["text"], f"{where} Die Frage muss mit „?“ enden.")
    checker.require(question, path, "help", where=where)
    checker.require(question, path, "recommendation", where=where)
    weight = checker.require(question, path, "weight", int, where=where)
    if weight is not None and weight not in (1, 2, 3):
        checker.fail(path, question.key_lines["weight"], f"{where} Gewicht muss 1, 2 oder 3 sein, nicht {weight}.")
    scale = question.get("scale", "umsetzung")
    if scales and scale not in scales:
        checker.fail(
            path, question.key_lines.get("scale", question.line), f"{where} unbekannte Antwortskala „{scale}“."
        )
    subtopic = question.get("subtopic")
    if subtopic_keys and subtopic not in subtopic_keys:
        checker.fail(path, question.line, f"{where} Unterthema fehlt oder ist unbekannt („{subtopic}“).")
    elif not subtopic_keys and subtopic is not None:
        checker.fail(path, question.key_lines["subtopic"], f"{where} Dieses Handlungsfeld hat keine Unterthemen.")
    tags = question.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(tag, str) and TAG.match(tag) for tag in tags):
        checker.fail(
            path,
            question.key_lines.get("tags", question.line),
            f"{where} Schlagworte als Liste aus Kleinbuchstaben erwartet.",
        )


def check_question_v2(question: Node, path: Path, method: dict, checker: Checker) -> None:
    """Foundations, dependencies, "trifft nicht zu" and anchors (catalogue version 2)."""
    where = f"Frage „{question.get('id')}“:"
    for name in ("foundation", "not_applicable"):
        if name in question and not isinstance(question[name], bool):
            checker.fail(path, question.key_lines[name], f"{where} „{name}“: true oder false erwartet.")
    if "depends_on" in question and not (
        isinstance(question["depends_on"], str) and QUESTION_KEY.match(question["depends_on"])
    ):
        checker.fail(path, question.key_lines["depends_on"], f"{where} „depends_on“: Kennung einer Frage erwartet.")
    for name in ("anchors", "anchors_en"):
        anchors = question.get(name)
        if anchors is None:
            continue
        if not isinstance(anchors, Node) or not all(
            k in SCALE_VALUES and isinstance(v, str) and v.strip() for k, v in anchors.items()
        ):
            checker.fail(path, question.key_lines[name], f"{where} „{name}“: Texte zu den Werten 0 bis 3 erwartet.")
    if method.get("require_anchors"):
        anchors = question.get("anchors")
        missing = [value for value in (0, 3) if not isinstance(anchors, dict) or value not in anchors]
        if missing:
            checker.fail(
                path,
                question.key_lines.get("anchors", question.line),
                f"{where} Ankerbeispiele für {' und '.join(map(str, missing))} fehlen („anchors“).",
            )


def check_dependencies(fields: list[dict], checker: Checker) -> None:
    """`depends_on` names a question of the same field, and no chain leads back to itself."""
    for fld in fields:
        path = Path(fld["_path"])
        keys = {q.get("id") for q in fld["questions"]}
        parents = {q.get("id"): q.get("depends_on") for q in fld["questions"] if q.get("depends_on")}
        for question_id, parent in parents.items():
            if parent not in keys:
                checker.fail(
                    path,
                    fld["_lines"].get(question_id, 1),
                    f"Frage „{question_id}“: „depends_on“ nennt „{parent}“, die es in diesem Handlungsfeld nicht gibt.",
                )
        reported = set()
        for start in parents:
            chain, current = [start], parents.get(start)
            while current in parents and current not in chain:
                chain.append(current)
                current = parents[current]
            if current == start and frozenset(chain) not in reported:
                reported.add(frozenset(chain))
                checker.fail(
                    path,
                    fld["_lines"].get(start, 1),
                    f"Fragen hängen im Kreis voneinander ab: {' → '.join([*chain, start])}.",
                )


# German text keys and their English twins that a version with `require_english: true` must have.
FIELD_TEXTS = ("title", "summary", "description", "weights_rationale")
QUESTION_TEXTS = ("text", "help", "recommendation")


def check_english(meta: Node, meta_path: Path, fields: list[dict], checker: Checker) -> None:
    """Every German text has its `_en` twin; the problem names the German text's file and line."""

    def twin(mapping, path, key, where=""):
        if isinstance(mapping, Node) and key in mapping and not str(mapping.get(f"{key}_en") or "").strip():
            line = mapping.key_lines.get(key, mapping.line)
            checker.fail(path, line, f"{where}„{key}_en“ fehlt: englische Fassung von „{key}“.".strip())

    def twins_per_key(mapping, path, key, where=""):
        german, english = mapping.get(key), mapping.get(f"{key}_en")
        if not isinstance(german, dict):
            return
        english = english if isinstance(english, dict) else {}
        missing = [str(k) for k in german if not str(english.get(k) or "").strip()]
        if missing:
            line = mapping.key_lines.get(key, mapping.line)
            checker.fail(path, line, f"{where}„{key}_en“ fehlt für {', '.join(missing)}.".strip())

    for name in ("label", "method_label"):
        twin(meta, meta_path, name)
    for scale_key, scale in (meta.get("scales") or {}).items():
        twin(scale, meta_path, "label", f"Skala „{scale_key}“: ")
        for option in scale.get("options", []) if isinstance(scale, Node) else []:
            twin(option, meta_path, "label", f"Skala „{scale_key}“, Wert {option.get('value')}: ")
    for level in meta.get("levels") or []:
        twin(level, meta_path, "label", f"Stufe „{level.get('key')}“: ")
    for rule in meta.get("level_rules") or []:
        twin(rule, meta_path, "text", f"Stufenregel „{rule.get('level')}“: ")
    for name in METHOD_TEXTS:
        twin(meta.get(name), meta_path, "text", f"„{name}“: ")
    for fld in fields:
        source = fld["_source"]
        path = Path(fld["_path"])
        for name in FIELD_TEXTS:
            twin(source, path, name)
        twins_per_key(source, path, "assessments")
        for subtopic in source.get("subtopics") or []:
            twin(subtopic, path, "title", f"Unterthema „{subtopic.get('key')}“: ")
        for question in source.get("questions") or []:
            where = f"Frage „{question.get('id')}“: "
            for name in QUESTION_TEXTS:
                twin(question, path, name, where)
            twins_per_key(question, path, "anchors", where)


MAPPING_CHANGES = ("same", "reworded", "split", "merged", "dropped")


def check_mapping(data: CatalogueData, earlier: dict[str, CatalogueData]) -> None:
    """mapping.yaml: every question of the earlier version once, pointing at questions of this one."""
    source, path = data.mapping_source, data.mapping_path
    if source is None:
        return
    checker = Checker()
    origin = source.get("from")
    if origin not in earlier:
        checker.fail(path, source.key_lines.get("from", 1), f"„from“: unbekannte Katalogversion „{origin}“.")
        raise CatalogueError(checker.problems)
    old_keys = [q["id"] for f in earlier[origin].fields for q in f["questions"]]
    new_keys = {q["id"] for f in data.fields for q in f["questions"]}
    entries = checker.require(source, path, "questions", list) or []
    seen, questions = {}, []
    for entry in entries:
        if not isinstance(entry, Node):
            checker.fail(path, source.key_lines.get("questions", 1), "Eintrag: Schlüssel mit Werten erwartet.")
            continue
        old, targets, change = entry.get(origin), entry.get(data.key), entry.get("change")
        if old not in old_keys:
            checker.fail(path, entry.line, f"„{old}“ ist keine Frage von Version {origin}.")
        elif old in seen:
            checker.fail(path, entry.line, f"„{old}“ steht schon in Zeile {seen[old]}.")
        seen.setdefault(old, entry.line)
        if not isinstance(targets, list) or not all(isinstance(t, str) for t in targets):
            checker.fail(path, entry.line, f"„{old}“: „{data.key}“ muss eine Liste von Kennungen sein.")
            targets = []
        for target in targets:
            if target not in new_keys:
                checker.fail(
                    path,
                    entry.key_lines.get(data.key, entry.line),
                    f"„{target}“ ist keine Frage von Version {data.key}.",
                )
        if change not in MAPPING_CHANGES:
            checker.fail(
                path, entry.key_lines.get("change", entry.line), f"„change“: eine von {', '.join(MAPPING_CHANGES)}."
            )
        elif (change == "dropped") != (not targets):
            checker.fail(path, entry.line, f"„{old}“: „dropped“ genau dann, wenn „{data.key}“ leer ist.")
        elif change in ("same", "reworded") and len(targets) != 1:
            checker.fail(path, entry.line, f"„{old}“: „{change}“ braucht genau eine Frage in „{data.key}“.")
        if data.method.get("require_english") and "note" in entry and not str(entry.get("note_en") or "").strip():
            checker.fail(path, entry.key_lines["note"], "„note_en“ fehlt: englische Fassung von „note“.")
        questions.append(
            {
                "from": old,
                "to": targets,
                "change": change,
                "note": str(entry.get("note") or ""),
                "note_en": str(entry.get("note_en") or ""),
            }
        )
    missing = [key for key in old_keys if key not in seen]
    if missing:
        checker.fail(
            path, source.key_lines.get("questions", 1), f"Fragen von Version {origin} fehlen: {', '.join(missing)}."
        )
    if checker.problems:
        raise CatalogueError(checker.problems)
    data.mapping = {"from": origin, "questions": questions}


def check_uniqueness(fields: list[dict], checker: Checker) -> None:
    seen_keys, seen_numbers, seen_questions = {}, {}, {}
    for fld in fields:
        path = Path(fld["_path"])
        for value, seen, label in ((fld["key"], seen_keys, "Schlüssel"), (fld["number"], seen_numbers, "Nummer")):
            if value in seen:
                checker.fail(path, 1, f"Handlungsfeld-{label} „{value}“ gibt es schon in {seen[value]}.")
            seen[value] = path.name
        for question in fld["questions"]:
            question_id = question.get("id")
            if question_id in seen_questions:
                checker.fail(
                    path,
                    fld["_lines"].get(question_id, 1),
                    f"Kennung „{question_id}“ gibt es schon in {seen_questions[question_id]}.",
                )
            seen_questions[question_id] = path.name
    numbers = sorted(n for n in seen_numbers if isinstance(n, int))
    if fields and numbers != list(range(1, len(numbers) + 1)):
        checker.fail(
            Path(fields[0]["_path"]).parent,
            1,
            f"Handlungsfelder müssen von 1 an durchnummeriert sein, gefunden: {numbers}.",
        )


def plain(value):
    """Line-annotated YAML nodes → plain dicts and lists for JSON storage."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def version_directories(root: Path = DATA_DIR) -> list[Path]:
    """Folders with a catalogue.yaml and question files; a version whose questions are still
    being written (catalogue.yaml only) is not a version yet."""
    return sorted(
        path for path in root.iterdir() if (path / "catalogue.yaml").exists() and any((path / "fields").glob("*.yaml"))
    )


@dataclass
class InstallResult:
    version: CatalogueVersion
    status: str  # "created", "updated", "translated", "unchanged"


@transaction.atomic
def install(data: CatalogueData, *, make_current: bool) -> InstallResult:
    version = CatalogueVersion.objects.select_for_update().filter(key=data.key).first()
    status = "created"
    if version is not None:
        if version.source_digest == data.digest:
            status = "unchanged"
        elif version.is_frozen and german_unchanged(version, data):
            status = "translated"
        elif version.is_frozen:
            raise CatalogueFrozen(
                f"Version „{data.key}“ ist seit {version.frozen_at:%d.%m.%Y} in Benutzung und kann nicht mehr geändert "
                "werden. Legen Sie die Änderungen als neue Version an (neuer Ordner, neue „version“)."
            )
        else:
            status = "updated"
            version.fields.all().delete()
    if status == "translated":
        write_translations(version, data)
    elif status != "unchanged":
        check_stable_keys(data)
        version = version or CatalogueVersion(key=data.key)
        version.label, version.published_on, version.method = data.label, data.published_on, data.method
        version.source_digest, version.mapping = data.digest, data.mapping
        version.save()
        write_fields(version, data)
    if make_current and not version.is_current:
        CatalogueVersion.objects.filter(is_current=True).update(is_current=False)
        version.is_current = True
        version.save(update_fields=["is_current"])
    return InstallResult(version=version, status=status)


def check_stable_keys(data: CatalogueData) -> None:
    """A question key keeps its field across versions, or rounds cannot be compared."""
    field_by_key = {q["id"]: f["key"] for f in data.fields for q in f["questions"]}
    earlier = (
        Question.objects.exclude(version__key=data.key)
        .filter(key__in=field_by_key)
        .values_list("key", "field__key", "version__key")
    )
    problems = [
        f"Frage „{key}“ gehört in Version „{version}“ zu „{old_field}“, hier zu „{field_by_key[key]}“: "
        "Kennungen bleiben über Versionen im selben Handlungsfeld; vergeben Sie eine neue Kennung."
        for key, old_field, version in earlier
        if field_by_key[key] != old_field
    ]
    if problems:
        raise CatalogueError(problems)


def write_fields(version: CatalogueVersion, data: CatalogueData) -> None:
    for fld in data.fields:
        field_of_action = FieldOfAction.objects.create(
            version=version,
            key=fld["key"],
            number=fld["number"],
            title=fld["title"].strip(),
            title_en=(fld.get("title_en") or "").strip(),
            summary=fld["summary"].strip(),
            summary_en=(fld.get("summary_en") or "").strip(),
            description=fld["description"].strip(),
            description_en=(fld.get("description_en") or "").strip(),
            assessments={key: fld["assessments"][key].strip() for key in LEVEL_KEYS},
            assessments_en=english_assessments(fld),
            weights_rationale=(fld.get("weights_rationale") or "").strip(),
            weights_rationale_en=(fld.get("weights_rationale_en") or "").strip(),
        )
        subtopics = {
            sub["key"]: SubTopic.objects.create(
                field=field_of_action,
                key=sub["key"],
                title=sub["title"].strip(),
                title_en=(sub.get("title_en") or "").strip(),
                position=position,
            )
            for position, sub in enumerate(fld["subtopics"], start=1)
        }
        Question.objects.bulk_create(
            Question(
                version=version,
                field=field_of_action,
                subtopic=subtopics.get(question.get("subtopic")),
                key=question["id"],
                position=position,
                weight=question["weight"],
                scale=question.get("scale", "umsetzung"),
                tags=question.get("tags", []),
                **question_meaning(question, data.method),
                **question_english(question),
            )
            for position, question in enumerate(fld["questions"], start=1)
        )


def english_assessments(fld: dict) -> dict:
    english = fld.get("assessments_en") or {}
    return {key: english[key].strip() for key in LEVEL_KEYS if isinstance(english.get(key), str)}


def anchor_texts(anchors) -> dict:
    return {str(value): text.strip() for value, text in (anchors or {}).items()}


def question_meaning(question: dict, method: dict) -> dict:
    """The German content of a question that answers refer to; changing any of it needs a new version."""
    return {
        "text": question["text"].strip(),
        "help_text": question["help"].strip(),
        "recommendation": question["recommendation"].strip(),
        "anchors": anchor_texts(question.get("anchors")),
        "foundation": question.get("foundation", False),
        "depends_on": question.get("depends_on", ""),
        "not_applicable": question.get("not_applicable", method.get("not_applicable_by_default", True)),
    }


def question_english(question: dict) -> dict:
    return {
        "text_en": (question.get("text_en") or "").strip(),
        "help_text_en": (question.get("help_en") or "").strip(),
        "recommendation_en": (question.get("recommendation_en") or "").strip(),
        "anchors_en": anchor_texts(question.get("anchors_en")),
    }


def without_english(value):
    """A method or text mapping without its `_en` twins (and the demand for them), to compare German meaning."""
    if isinstance(value, dict):
        return {
            k: without_english(v) for k, v in value.items() if not str(k).endswith("_en") and k != "require_english"
        }
    if isinstance(value, list):
        return [without_english(item) for item in value]
    return value


def german_unchanged(version: CatalogueVersion, data: CatalogueData) -> bool:
    """True when the files differ from the installed version only in English texts.

    Such a change may reach a frozen version: answers refer to the German meaning, which stays.
    """
    if (version.label, version.published_on) != (data.label, data.published_on):
        return False
    if without_english(version.method) != without_english(data.method) or version.mapping != data.mapping:
        return False
    fields = {
        f.key: (f.number, f.title, f.summary, f.description, f.assessments, f.weights_rationale)
        for f in version.fields.all()
    }
    wanted = {
        f["key"]: (
            f["number"],
            f["title"].strip(),
            f["summary"].strip(),
            f["description"].strip(),
            {key: f["assessments"][key].strip() for key in LEVEL_KEYS},
            (f.get("weights_rationale") or "").strip(),
        )
        for f in data.fields
    }
    if fields != wanted:
        return False
    subtopics = {
        (s.field.key, s.key): (s.position, s.title)
        for s in SubTopic.objects.filter(field__version=version).select_related("field")
    }
    wanted_subtopics = {
        (f["key"], sub["key"]): (position, sub["title"].strip())
        for f in data.fields
        for position, sub in enumerate(f["subtopics"], start=1)
    }
    if subtopics != wanted_subtopics:
        return False
    meaning_fields = ("key", "field__key", "subtopic__key", "position", "weight", "scale", "tags", *MEANING_COLUMNS)
    stored = {row[0]: row for row in version.questions.values_list(*meaning_fields)}
    for fld in data.fields:
        for position, question in enumerate(fld["questions"], start=1):
            meaning = question_meaning(question, data.method)
            row = (
                question["id"],
                fld["key"],
                question.get("subtopic"),
                position,
                question["weight"],
                question.get("scale", "umsetzung"),
                question.get("tags", []),
                *(meaning[column] for column in MEANING_COLUMNS),
            )
            if stored.pop(question["id"], None) != row:
                return False
    return not stored


MEANING_COLUMNS = ("text", "help_text", "recommendation", "anchors", "foundation", "depends_on", "not_applicable")


def write_translations(version: CatalogueVersion, data: CatalogueData) -> None:
    """Install the English texts of a frozen version whose German meaning is unchanged."""
    version.method = data.method
    version.source_digest = data.digest
    version.save(update_fields=["method", "source_digest"])
    fields = {f.key: f for f in version.fields.all()}
    subtopics = {(s.field_id, s.key): s for s in SubTopic.objects.filter(field__version=version)}
    questions = {q.key: q for q in version.questions.all()}
    for fld in data.fields:
        field_of_action = fields[fld["key"]]
        for name in ("title_en", "summary_en", "description_en", "weights_rationale_en"):
            setattr(field_of_action, name, (fld.get(name) or "").strip())
        field_of_action.assessments_en = english_assessments(fld)
        for sub in fld["subtopics"]:
            subtopics[field_of_action.pk, sub["key"]].title_en = (sub.get("title_en") or "").strip()
        for question in fld["questions"]:
            for name, value in question_english(question).items():
                setattr(questions[question["id"]], name, value)
    FieldOfAction.objects.bulk_update(
        fields.values(), ["title_en", "summary_en", "description_en", "weights_rationale_en", "assessments_en"]
    )
    SubTopic.objects.bulk_update(subtopics.values(), ["title_en"])
    Question.objects.bulk_update(questions.values(), ["text_en", "help_text_en", "recommendation_en", "anchors_en"])


def load_all(root: Path = DATA_DIR) -> list[InstallResult]:
    """Validate every version first, then install them oldest first; the newest becomes current."""
    directories = version_directories(root)
    if not directories:
        raise CatalogueError([f"{root}: keine Katalogversion gefunden (Ordner mit catalogue.yaml)."])
    versions = [read_version(directory) for directory in directories]
    versions.sort(key=lambda data: (data.published_on, data.key))
    by_key = {data.key: data for data in versions}
    for data in versions:
        check_mapping(data, by_key)
    with transaction.atomic():
        results = [install(data, make_current=data is versions[-1]) for data in versions]
    page_cache.invalidate()  # the Selbstcheck's public pages show the catalogue
    catalogue_loaded.send(sender=CatalogueVersion, results=results)
    return results
