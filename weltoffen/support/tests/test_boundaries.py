"""Nothing of the support pillar reaches aggregates, the API, dashboards or the admin: no
other app imports it, and none of its private models is registered anywhere."""

from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2]


# Apps above support in the dependency order: the data export reads an account's incidents
# and help requests, as DSGVO Art. 15 asks.
HIGHER_APPS = ("support", "privacy")


def test_no_lower_app_imports_the_support_app():
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if path.relative_to(PACKAGE).parts[0] not in HIGHER_APPS
        and (
            "weltoffen.support" in path.read_text(encoding="utf-8")
            or "from weltoffen import support" in path.read_text(encoding="utf-8")
        )
        and "settings" not in path.parts
        and path.name != "urls.py"
    ]
    assert offenders == []


@pytest.mark.parametrize("model_name", ["Incident", "Evidence", "HelpRequest"])
def test_private_models_are_in_no_admin(model_name):
    from wagtail import hooks
    from wagtail.snippets.models import get_snippet_models

    from weltoffen.support import models

    model = getattr(models, model_name)
    registered = []
    for hook in hooks.get_hooks("register_admin_viewset"):
        result = hook()
        registered += result if isinstance(result, list | tuple) else [result]
    assert all(getattr(viewset, "model", None) is not model for viewset in registered)
    assert model not in get_snippet_models()
