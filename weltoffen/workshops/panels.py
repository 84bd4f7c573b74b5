"""The way from a result to its dialogue: survey, comparison, workshop and plan, as a panel
on the results pages of lower apps (see pages/templatetags/panels.py)."""

from django.template.loader import render_to_string

from weltoffen.dialogue.access import ref_for


def dialogue_links(*, request, assessment, token=None, **_ignored) -> str:
    return render_to_string("workshops/_panel.html", {"ref": ref_for(assessment, token)}, request=request)
