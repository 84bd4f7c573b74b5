import pytest


@pytest.fixture(autouse=True)
def _evidence_in_a_temporary_folder(settings, tmp_path):
    settings.SUPPORT_EVIDENCE_ROOT = tmp_path / "evidence"
    return settings.SUPPORT_EVIDENCE_ROOT
