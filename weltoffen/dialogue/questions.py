"""The stakeholder survey's questions, read from the versioned YAML file in `data/`.

Loaded once per process and validated on load: a wrong key, a missing translation or
an unknown field stops the app with the file's name and the problem, instead of
showing a half-translated survey.
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from weltoffen.translation import is_english

DATA_DIR = Path(__file__).resolve().parent / "data"
CURRENT_VERSION = 1
LANGUAGES = ("de", "en", "ls")
KEY = re.compile(r"^[a-z0-9-]+\.[a-z0-9-]+$")
FIELD_KEYS = ("steuerung", "oeffnung", "teilhabe", "arbeit", "beteiligung", "zusammenhalt", "kommunikation")


class QuestionSetError(ValueError):
    pass


@dataclass(frozen=True)
class Text:
    de: str
    en: str
    ls: str

    def in_language(self, language: str) -> str:
        """`language` is "de", "en" or "ls" (Leichte Sprache)."""
        return getattr(self, language)

    def __str__(self) -> str:
        return self.en if is_english() else self.de


@dataclass(frozen=True)
class SurveyQuestion:
    key: str
    field_key: str
    text: Text


@dataclass(frozen=True)
class QuestionSet:
    version: int
    gap_margin: int
    min_group_size: int
    comment_max_length: int
    scale: tuple[tuple[int, Text], ...]
    dont_know: Text
    questions: tuple[SurveyQuestion, ...]

    def for_field(self, field_key: str) -> list[SurveyQuestion]:
        return [q for q in self.questions if q.field_key == field_key]

    @property
    def keys(self) -> set[str]:
        return {q.key for q in self.questions}

    @property
    def values(self) -> set[int]:
        return {value for value, _ in self.scale}


def text(raw, where: str) -> Text:
    if not isinstance(raw, dict) or set(raw) != set(LANGUAGES):
        raise QuestionSetError(f"{where}: braucht genau die Sprachen de, en und ls")
    if not all(isinstance(raw[lang], str) and raw[lang].strip() for lang in LANGUAGES):
        raise QuestionSetError(f"{where}: ein Text ist leer")
    return Text(**{lang: raw[lang].strip() for lang in LANGUAGES})


def parse(raw: dict, name: str) -> QuestionSet:
    try:
        method = raw["method"]
        scale = tuple(
            (int(o["value"]), text({k: o.get(k) for k in LANGUAGES}, f"{name}: scale {o['value']}"))
            for o in raw["scale"]
        )
        if [value for value, _ in scale] != [0, 1, 2, 3]:
            raise QuestionSetError(f"{name}: die Skala braucht die Werte 0 bis 3")
        questions, seen = [], set()
        if set(raw["fields"]) != set(FIELD_KEYS):
            raise QuestionSetError(f"{name}: es fehlen oder stören Handlungsfelder: {sorted(raw['fields'])}")
        for field_key, entries in raw["fields"].items():
            if not 2 <= len(entries) <= 3:
                raise QuestionSetError(f"{name}: {field_key} braucht zwei oder drei Fragen")
            for entry in entries:
                key = entry["key"]
                if not KEY.match(key) or not key.startswith(f"{field_key}.") or key in seen:
                    raise QuestionSetError(f"{name}: ungültige oder doppelte Kennung {key!r}")
                seen.add(key)
                questions.append(
                    SurveyQuestion(key, field_key, text({k: entry.get(k) for k in LANGUAGES}, f"{name}: {key}"))
                )
        return QuestionSet(
            version=int(raw["version"]),
            gap_margin=int(method["gap_margin"]),
            min_group_size=int(method["min_group_size"]),
            comment_max_length=int(method["comment_max_length"]),
            scale=scale,
            dont_know=text(raw["dont_know"], f"{name}: dont_know"),
            questions=tuple(questions),
        )
    except (KeyError, TypeError, ValueError) as error:
        if isinstance(error, QuestionSetError):
            raise
        raise QuestionSetError(f"{name}: {error!r}") from error


@cache
def question_set(version: int = CURRENT_VERSION) -> QuestionSet:
    path = DATA_DIR / f"questions-v{version}.yaml"
    return parse(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)
