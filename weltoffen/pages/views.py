from django_ratelimit.decorators import ratelimit

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from .feedback import submit_barrier_report
from .forms import BarrierReportForm
from .secrets import without_secrets


@ratelimit(key="ip", rate="5/h", method="POST", block=False)
def barrier_report(request):
    referring_page = request.GET.get("seite", "")
    if not url_has_allowed_host_and_scheme(referring_page, allowed_hosts=None):
        referring_page = ""
    referring_page = without_secrets(referring_page)
    form = BarrierReportForm(
        request.POST if request.method == "POST" else None, initial={"page_url": referring_page[:500]}
    )
    if request.method == "POST":
        if getattr(request, "limited", False):
            context = {"form": form, "rate_limited": True}
            return render(request, "pages/barrier_report.html", context, status=429)
        if form.is_valid():
            if not form.is_spam():
                submit_barrier_report(form=form)
            messages.success(request, _("Vielen Dank. Ihre Meldung ist bei uns eingegangen."))
            return redirect("pages:barrier-report-thanks")
    return render(request, "pages/barrier_report.html", {"form": form}, status=400 if form.errors else 200)


def barrier_report_thanks(request):
    return render(request, "pages/barrier_report_thanks.html")


def rate_limited(request, exception=None):
    """Answer for views that block when their rate limit is hit (RATELIMIT_VIEW)."""
    return render(request, "pages/rate_limited.html", status=429)


def csrf_failure(request, reason=""):
    """An expired or forged form: explain in German, keep the 403 status."""
    return render(request, "403_csrf.html", status=403)
