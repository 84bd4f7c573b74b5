from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from weltoffen.municipalities.models import Municipality


class TeamQuerySet(models.QuerySet):
    def of_user(self, user) -> "TeamQuerySet":
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user)


class Team(models.Model):
    """The people of one municipality's administration who run the Selbstcheck together."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("Kommune"), on_delete=models.PROTECT, related_name="teams"
    )
    name = models.CharField(_("Name des Teams"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TeamQuerySet.as_manager()

    class Meta:
        verbose_name = _("Team")
        verbose_name_plural = _("Teams")

    def __str__(self) -> str:
        return f"{self.name} ({self.municipality.short_name})"

    def current_round(self):
        return self.assessments.order_by("-round_number").first()


class Membership(models.Model):
    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Koordination")
        MEMBER = "member", _("Mitglied")

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership")
    role = models.CharField(_("Rolle"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Mitgliedschaft")
        verbose_name_plural = _("Mitgliedschaften")

    def __str__(self) -> str:
        return f"{self.user} – {self.team} ({self.get_role_display()})"

    @property
    def is_coordinator(self) -> bool:
        return self.role == self.Role.COORDINATOR
