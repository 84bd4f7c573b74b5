from django.apps import AppConfig
from django.db.models.signals import pre_delete
from django.utils.translation import gettext_lazy as _


class PeersConfig(AppConfig):
    name = "weltoffen.peers"
    verbose_name = _("Vergleich und Voneinander lernen")

    def ready(self):
        from .models import Contribution

        # A Selbstcheck, round or team is deleted by lower apps (and by cascades that no
        # workflow of this app sees): its contribution leaves the aggregates in the same
        # transaction, as a withdrawal would.
        pre_delete.connect(leave_comparison, sender=Contribution, dispatch_uid="peers-leave-comparison")


def leave_comparison(sender, instance, **kwargs):
    from . import aggregation

    aggregation.leave(contribution=instance)
