"""The team result as a PDF: the Selbstcheck report with the team's disagreement, the
respondents' progress and every answer with its notes, as the team result page shows."""

from weltoffen.knowledge.linking import attach_related_content
from weltoffen.selfcheck import charts
from weltoffen.selfcheck.report import assessment_report
from weltoffen.selfcheck.results import annotate_result

from .charts import spread_chart
from .team_results import TeamResult


def team_report(team: TeamResult, request=None) -> bytes:
    """Rendered by a background task, so usually without a request: the links to knowledge
    pages then point at SITE_URL (`pages.addresses`)."""
    annotate_result(team.result)
    attach_related_content(team.result, request)
    context = {**charts.chart_context(team.result), "spread_chart": spread_chart(team)}
    return assessment_report(team.result, context, template="teams/report.html", team=team)
