"""The HTML the peers app contributes to pages of lower apps (see pages/templatetags/panels.py)."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from .charts import comparison_chart
from .comparison import comparison_for
from .groups import Facts, group_label, names_for
from .learning import learning_for
from .models import PeerAggregate


def own_scores(result) -> dict[str, float | None]:
    return {f.field.key: (f.score.score if f.score.has_level else None) for f in result.fields}


def comparison_panel(*, request, assessment, result, consent_url="", can_consent=False, pdf=False) -> str:
    comparison = comparison_for(assessment, own_scores(result))
    if comparison is None:
        return render_to_string("peers/_no_municipality.html", {"pdf": pdf}, request=None if pdf else request)
    blocked = ""
    if can_consent and assessment.team_id is not None and not assessment.is_closed:
        blocked = _(
            "Nach dem Abschluss der Runde können Sie zustimmen, dass ihre Punktwerte anonym in den Vergleich einfließen."
        )
    context = {
        "comparison": comparison,
        "chart": comparison_chart(comparison.fields),
        "learning": learning_for(comparison, version_id=assessment.version_id, request=request)
        if comparison.is_contributing
        else [],
        "consent_url": consent_url,
        "can_consent": can_consent,
        "consent_blocked": blocked,
        "pdf": pdf,
    }
    return render_to_string("peers/_panel.html", context, request=None if pdf else request)


def selfcheck_results(*, request, assessment, result, token, **_ignored) -> str:
    url = reverse("peers:link-consent", kwargs={"token": token})
    return comparison_panel(request=request, assessment=assessment, result=result, consent_url=url, can_consent=True)


def team_result(*, request, assessment, result, membership, **_ignored) -> str:
    url = reverse("peers:round-consent", kwargs={"pk": assessment.pk})
    return comparison_panel(
        request=request,
        assessment=assessment,
        result=result,
        consent_url=url,
        can_consent=membership is not None and membership.is_coordinator,
    )


def report(*, request, assessment, result, **_ignored) -> str:
    return comparison_panel(request=request, assessment=assessment, result=result, pdf=True)


def municipality_detail(*, request, municipality, **_ignored) -> str:
    """The peer groups this municipality is compared in, with how many take part where
    the threshold allows saying so."""
    facts = Facts.of(municipality)
    keys = facts.group_keys()
    names = names_for(keys)
    counts = {}
    for group, count, is_public in PeerAggregate.objects.filter(group__in=keys).values_list(
        "group", "count", "is_public"
    ):
        if is_public:
            counts[group] = max(counts.get(group, 0), count)
    groups = [(group_label(key, names), counts.get(key)) for key in keys]
    return render_to_string("peers/_municipality_groups.html", {"groups": groups}, request=request)
