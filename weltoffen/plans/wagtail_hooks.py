from wagtail import hooks

from weltoffen.selfcheck.results import ANNOTATE_RESULT_HOOK
from weltoffen.teams.progress import ANNOTATE_COMPARISON_HOOK

from .measures import annotate_implemented_measures, annotate_open_measures

hooks.register(ANNOTATE_RESULT_HOOK, annotate_open_measures)
hooks.register(ANNOTATE_COMPARISON_HOOK, annotate_implemented_measures)
