"""Data for the HTTP benchmark, created inside the benchmark's database.

Run by `benchmarks.http` as `python -m benchmarks.http_fixtures` under the same settings
as the server; prints one JSON object with the addresses and cookies the load needs.
"""

import json
import os
import sys

RESPONDENTS = 50


def main() -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from weltoffen.knowledge.models import ArticlePage, KnowledgeIndexPage
    from weltoffen.selfcheck.answering import start_assessment

    from .cases import complete_assessment, team_round_with_respondents

    _assessment, results_token = complete_assessment()
    team, coordinator = team_round_with_respondents(RESPONDENTS)
    session = SessionStore()
    session[SESSION_KEY] = str(coordinator.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = coordinator.get_session_auth_hash()
    session.create()

    savers = []
    for number in range(RESPONDENTS):
        assessment, token = start_assessment(municipality=None, title=f"Benchmark {number}")
        field = assessment.version.fields.order_by("number").first()
        keys = list(field.questions.order_by("position").values_list("key", flat=True))
        savers.append({"token": token, "field": field.key, "version": assessment.version.key, "questions": keys})

    article = ArticlePage.objects.live().first()
    listing = KnowledgeIndexPage.objects.live().first()
    first_field = savers[0]["field"]
    print(
        json.dumps(
            {
                "session_cookie": f"{settings.SESSION_COOKIE_NAME}={session.session_key}",
                "results": f"/selbstcheck/a/{results_token}/ergebnis/",
                "field_answers": f"/selbstcheck/a/{results_token}/felder/{first_field}/",
                "field_questions": f"/selbstcheck/handlungsfelder/{first_field}/",
                "article": relative(article.get_url()) if article else None,
                "knowledge_listing": relative(listing.get_url()) if listing else None,
                "team_result": f"/team/runden/{team.current_round().pk}/ergebnis/",
                "savers": savers,
            }
        )
    )


def relative(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).path


if __name__ == "__main__":
    sys.path.insert(0, os.getcwd())
    main()
