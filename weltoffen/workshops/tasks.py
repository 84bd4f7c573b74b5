from django_tasks import task

from weltoffen.selfcheck.documents import render_document

from .documentation import workshop_documentation
from .screens import workshop_view


@task()
def render_documentation(document_id: str) -> None:
    render_document(document_id=document_id, build=lambda assessment: workshop_documentation(workshop_view(assessment)))
