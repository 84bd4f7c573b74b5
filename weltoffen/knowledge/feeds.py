from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from weltoffen.pages.demo import announced

from .models import ArticlePage


class MagazineRssFeed(Feed):
    description = _("Artikel, Interviews und Praxistipps zur Integrations- und Vielfaltsarbeit von Kommunen")

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return f"{_('Weltoffene Kommune')}: {self.index_page.title}"

    def link(self):
        return self.index_page.get_url(self.request)

    def items(self):
        articles = announced(ArticlePage.objects.child_of(self.index_page).live())
        return articles.order_by("-date", "-pk")[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_author_name(self, item):
        return item.author or None

    def item_categories(self, item):
        return [topic.title for topic in item.topics.all()]


class MagazineAtomFeed(MagazineRssFeed):
    feed_type = Atom1Feed
    subtitle = MagazineRssFeed.description
