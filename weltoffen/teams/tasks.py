from django_tasks import task

from weltoffen.selfcheck.documents import render_document

from .report import team_report
from .team_results import team_result


@task()
def render_result(document_id: str) -> None:
    render_document(document_id=document_id, build=lambda assessment: team_report(team_result(assessment)))
