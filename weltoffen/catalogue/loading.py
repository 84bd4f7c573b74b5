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

from weltoffen import page_cache

from .models import CatalogueFrozen, CatalogueVersion, FieldOfAction, Question, SubTopic

DATA_DIR = Path(__file__).resolve().parent / "data"
LEVEL_KEYS = ("einstieg", "aufbau", "fortgeschritten", "vorreiter")
SCALE_VALUES = [0, 1, 2, 3]
QUESTION_KEY = re.compile(r"^[a-z0-9-]+\.[a-z0-9-]+$")
SLUG = re.compile(r"^[a-z0-9-]+$")
TAG = re.compile(r"^[a-z0-9-]+$")
FIELD_COUNT = 7


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
    if checker.problems:
        raise CatalogueError(checker.problems)
    digest = hashlib.sha256()
    for path in [meta_path, *field_paths]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return CatalogueData(
        key=key,
        label=label,
        published_on=published_on,
        method=method,
        fields=sorted(fields, key=lambda f: f["number"]),
        digest=digest.hexdigest(),
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
    return plain(
        {
            "scales": scales,
            "levels": levels,
            "coverage_threshold": threshold,
            "discussion_spread": spread,
            "consensus": consensus,
        }
    )


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
    )


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
    return sorted(path for path in root.iterdir() if (path / "catalogue.yaml").exists())


@dataclass
class InstallResult:
    version: CatalogueVersion
    status: str  # "created", "updated", "unchanged"


@transaction.atomic
def install(data: CatalogueData, *, make_current: bool) -> InstallResult:
    version = CatalogueVersion.objects.select_for_update().filter(key=data.key).first()
    status = "created"
    if version is not None:
        if version.source_digest == data.digest:
            status = "unchanged"
        elif version.is_frozen:
            raise CatalogueFrozen(
                f"Version „{data.key}“ ist seit {version.frozen_at:%d.%m.%Y} in Benutzung und kann nicht mehr geändert "
                "werden. Legen Sie die Änderungen als neue Version an (neuer Ordner, neue „version“)."
            )
        else:
            status = "updated"
            version.fields.all().delete()
    if status != "unchanged":
        check_stable_keys(data)
        version = version or CatalogueVersion(key=data.key)
        version.label, version.published_on, version.method = data.label, data.published_on, data.method
        version.source_digest = data.digest
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
                text=question["text"].strip(),
                help_text=question["help"].strip(),
                weight=question["weight"],
                scale=question.get("scale", "umsetzung"),
                recommendation=question["recommendation"].strip(),
                tags=question.get("tags", []),
            )
            for position, question in enumerate(fld["questions"], start=1)
        )


def load_all(root: Path = DATA_DIR) -> list[InstallResult]:
    """Validate every version first, then install them oldest first; the newest becomes current."""
    directories = version_directories(root)
    if not directories:
        raise CatalogueError([f"{root}: keine Katalogversion gefunden (Ordner mit catalogue.yaml)."])
    versions = [read_version(directory) for directory in directories]
    versions.sort(key=lambda data: (data.published_on, data.key))
    with transaction.atomic():
        results = [install(data, make_current=data is versions[-1]) for data in versions]
    page_cache.invalidate()  # the Selbstcheck's public pages show the catalogue
    return results
