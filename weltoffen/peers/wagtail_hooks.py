from wagtail import hooks

from . import panels

hooks.register("weltoffen_panel_selfcheck_results", panels.selfcheck_results)
hooks.register("weltoffen_panel_team_result", panels.team_result)
hooks.register("weltoffen_panel_report", panels.report)
hooks.register("weltoffen_panel_municipality_detail", panels.municipality_detail)
