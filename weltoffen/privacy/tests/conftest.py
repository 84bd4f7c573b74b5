import io
import zipfile

import pytest

from .world import single_link_world, team_world


@pytest.fixture
def evidence_root(settings, tmp_path):
    settings.SUPPORT_EVIDENCE_ROOT = tmp_path / "evidence"
    return settings.SUPPORT_EVIDENCE_ROOT


@pytest.fixture
def world(catalogue, evidence_root):
    return team_world(evidence_root=evidence_root)


@pytest.fixture
def foreign(catalogue):
    """Another municipality's team with its coordinator."""
    from weltoffen.municipalities.tests.factories import MunicipalityFactory
    from weltoffen.teams.tests.factories import make_team

    return make_team(MunicipalityFactory(ags="09162000", short_name="München"), name="Team München")


@pytest.fixture
def single(catalogue):
    return single_link_world()


class Unpacked:
    """The files of an exported ZIP, with the CSV tables parsed as a spreadsheet would."""

    def __init__(self, content: bytes):
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            self.files = {name: archive.read(name) for name in archive.namelist()}

    def text(self, name: str) -> str:
        return self.files[name].decode("utf-8")

    def rows(self, name: str) -> list[dict]:
        import csv

        text = self.text(f"{name}.csv")
        assert text.startswith("\ufeff")
        return list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))

    @property
    def document(self) -> dict:
        import json

        return json.loads(self.text("daten.json"))

    def contains(self, needle: str) -> list[str]:
        """The files in which `needle` occurs."""
        return [name for name, content in self.files.items() if needle.encode() in content]


@pytest.fixture
def unpack():
    return Unpacked
