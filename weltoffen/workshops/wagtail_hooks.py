from wagtail import hooks

from .panels import dialogue_links

hooks.register("weltoffen_panel_selfcheck_results", dialogue_links)
hooks.register("weltoffen_panel_team_result", dialogue_links)
