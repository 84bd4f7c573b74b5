from wagtail import hooks

from . import panels

hooks.register("weltoffen_panel_selfcheck_results", panels.selfcheck_results)
hooks.register("weltoffen_panel_team_result", panels.team_result)
hooks.register("weltoffen_panel_report", panels.report)
hooks.register("weltoffen_panel_municipality_detail", panels.municipality_detail)


@hooks.register("register_admin_urls")
def dashboard_urls():
    from django.urls import path

    from . import admin_views

    return [path("programm/", admin_views.dashboard, name="peers-dashboard")]


@hooks.register("register_admin_menu_item")
def dashboard_menu_item():
    from django.urls import reverse
    from django.utils.translation import gettext_lazy as _

    from wagtail.admin.menu import MenuItem

    return MenuItem(_("Programmübersicht"), reverse("peers-dashboard"), icon_name="table", order=250)
