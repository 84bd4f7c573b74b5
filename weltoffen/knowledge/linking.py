"""From the Selbstcheck to the knowledge platform: content matching a field of action
(by topic) and a recommendation (by a shared tag, same field first)."""

from .models import KnowledgePage

PER_FIELD = 3


def attach_related_content(result, request) -> None:
    """Set `related` on each field result (pages of its field) and on each gap (one page
    sharing a tag with the question), with absolute URLs for use in the PDF too."""
    pages = list(KnowledgePage.objects.live().public().order_by("-date").prefetch_related("topics", "tags"))
    by_topic: dict[str, list] = {}
    by_tag: dict[str, list] = {}
    for page in pages:
        page.absolute_url = page.get_full_url(request)
        for topic in page.topics.all():
            by_topic.setdefault(topic.key, []).append(page)
        for tag in page.tags.all():
            by_tag.setdefault(tag.name, []).append(page)
    for field_result in result.fields:
        key = field_result.field.key
        field_result.related = by_topic.get(key, [])[:PER_FIELD]
        for row in field_result.gaps:
            candidates = [page for tag in row.question.tags for page in by_tag.get(tag, [])]
            same_field = [page for page in candidates if key in {t.key for t in page.topics.all()}]
            row.related = (same_field or candidates or [None])[0]
