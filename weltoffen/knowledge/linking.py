"""From the Selbstcheck to the knowledge platform: content matching a field of action
(by topic) and a recommendation (by a shared tag, same field first).

Higher apps add links of their own through the Wagtail hook `RESULT_LINKS_HOOK`
(support links the guide from field 7 and from recommendations about protection), so
neither this module nor the Selbstcheck imports them.
"""

from wagtail import hooks

from .models import KnowledgePage

PER_FIELD = 3
# A hook function takes the request and returns a list of
# {"fields": set of field keys, "tags": set of question tags, "links": [{"label", "url"}]}.
RESULT_LINKS_HOOK = "weltoffen_result_links"


def hooked_result_links(request) -> list[dict]:
    return [rule for hook in hooks.get_hooks(RESULT_LINKS_HOOK) for rule in hook(request)]


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
    rules = hooked_result_links(request)
    for field_result in result.fields:
        key = field_result.field.key
        field_result.related = by_topic.get(key, [])[:PER_FIELD]
        field_result.extra_links = [link for rule in rules if key in rule["fields"] for link in rule["links"]]
        for row in field_result.gaps:
            tags = set(row.question.tags)
            row.extra_links = [link for rule in rules if tags & rule["tags"] for link in rule["links"]]
            candidates = [page for tag in row.question.tags for page in by_tag.get(tag, [])]
            same_field = [page for page in candidates if key in {t.key for t in page.topics.all()}]
            row.related = (same_field or candidates or [None])[0]
