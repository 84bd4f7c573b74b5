from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """Custom user from day one; the e-mail address is the login identifier."""

    email = models.EmailField(_("E-Mail-Adresse"), unique=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("Benutzer:in")
        verbose_name_plural = _("Benutzer:innen")
