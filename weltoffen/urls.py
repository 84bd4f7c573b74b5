from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from weltoffen.api.api import api
from weltoffen.municipalities import views as municipality_views
from weltoffen.operations import health
from weltoffen.pages.demo import PublicSitemap
from weltoffen.teams import views as team_views

urlpatterns = [
    path("healthz/", health.liveness, name="liveness"),
    path("readyz/", health.ReadinessView.as_view(), name="readiness"),
    path("readyz/workers/", health.WorkersView.as_view(), name="readiness-workers"),
    path("api/v1/", api.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PublicSitemap}}, name="sitemap"),
]

if settings.BENCHMARK_FLOOR:
    from django.http import HttpResponse

    def benchmark_floor(request):
        """The floor of the HTTP benchmark: a bare view through the full middleware stack."""
        return HttpResponse("floor", content_type="text/plain")

    urlpatterns.insert(0, path("bench/floor/", benchmark_floor))

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# German at the root, English under /en/: the language is in the address, so links
# can be shared and no language cookie is needed.
urlpatterns += i18n_patterns(
    path("selbstcheck/", include("weltoffen.catalogue.urls")),
    path("selbstcheck/", include("weltoffen.selfcheck.urls")),
    path("kommunen/", include("weltoffen.municipalities.urls")),
    path("modellkommunen/", municipality_views.model_municipalities, name="model-municipalities"),
    path("suche/", include("weltoffen.knowledge.urls")),
    path("team/", include("weltoffen.teams.urls")),
    path("unterstuetzung/", include("weltoffen.support.urls")),
    path("", include("weltoffen.dialogue.urls")),
    path("vergleich/", include("weltoffen.peers.urls")),
    path("", include("weltoffen.plans.urls")),
    path("", include("weltoffen.workshops.urls")),
    path("", include("weltoffen.privacy.urls")),
    path("konto/loeschen/", team_views.delete_account, name="accounts-delete"),
    path("konto/", include("allauth.urls")),
    path("", include("weltoffen.pages.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

# allauth's rate limits and ours answer with the same German page.
handler429 = "weltoffen.pages.views.rate_limited"
