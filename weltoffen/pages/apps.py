from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

# Content that public pages show: a change to any of these rows starts a new page-cache
# generation. Bulk loads (catalogue, register) invalidate explicitly.
PUBLIC_CONTENT_APPS = {
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "custom_media",
    "pages",
    "knowledge",
    "municipalities",
}


def forget_cached_pages(sender, **kwargs):
    if sender._meta.app_label in PUBLIC_CONTENT_APPS:
        from weltoffen import page_cache

        page_cache.invalidate()


class PagesConfig(AppConfig):
    name = "weltoffen.pages"
    verbose_name = _("Seiten")

    def ready(self):
        post_save.connect(forget_cached_pages, dispatch_uid="page-cache-save")
        post_delete.connect(forget_cached_pages, dispatch_uid="page-cache-delete")
