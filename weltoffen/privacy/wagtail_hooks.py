from wagtail import hooks

from . import panels

hooks.register("weltoffen_panel_selfcheck_overview", panels.selfcheck_overview)
hooks.register("weltoffen_panel_selfcheck_answers", panels.selfcheck_overview)
hooks.register("weltoffen_panel_selfcheck_results", panels.selfcheck_results)
hooks.register("weltoffen_panel_selfcheck_delete", panels.selfcheck_delete)
hooks.register("weltoffen_panel_team_round", panels.team_round)
hooks.register("weltoffen_panel_account_nav", panels.account_nav)
hooks.register("weltoffen_panel_account_delete", panels.account_delete)
hooks.register("weltoffen_panel_standard_page", panels.standard_page)
