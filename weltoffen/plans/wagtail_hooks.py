from wagtail import hooks

from weltoffen.selfcheck.results import ANNOTATE_RESULT_HOOK

from .measures import annotate_open_measures

hooks.register(ANNOTATE_RESULT_HOOK, annotate_open_measures)
