"""The plan's due dates as an iCalendar feed (RFC 5545) at a secret, revocable address.

A calendar app cannot sign in, so the address itself is the key: 256 random bits of
which only the hash is stored (as every secret link, see `selfcheck.tokens`). The feed
lists the open measures with a due date as all-day events; a measure that is done or
dropped leaves the calendar.
"""

from datetime import timedelta

from icalendar import Calendar, Event

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from weltoffen.selfcheck.tokens import hash_token, looks_like_token, new_token

from .models import CalendarFeed, Measure


@transaction.atomic
def issue_calendar_link(*, assessment) -> str:
    """A new secret feed address for the round; an earlier one stops working. Returns the token."""
    token = new_token()
    CalendarFeed.objects.update_or_create(
        assessment=assessment, defaults={"token_hash": hash_token(token), "created_at": timezone.now()}
    )
    return token


@transaction.atomic
def revoke_calendar_link(*, assessment) -> bool:
    deleted, _rows = CalendarFeed.objects.filter(assessment=assessment).delete()
    return bool(deleted)


def feed_for(token: str) -> CalendarFeed | None:
    if not looks_like_token(token):
        return None
    return CalendarFeed.objects.select_related("assessment__version").filter(token_hash=hash_token(token)).first()


def due_dates(feed: CalendarFeed, *, host: str) -> bytes:
    assessment = feed.assessment
    titles = {f.key: f"{f.number}. {f.display_title}" for f in assessment.version.fields.all()}
    labels = dict(Measure.Status.choices)
    calendar = Calendar()
    calendar.add("prodid", "-//Weltoffene Kommune//Maßnahmenplan//DE")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Maßnahmenplan: %(title)s") % {"title": assessment.display_title})
    rows = Measure.objects.filter(assessment=assessment, status__in=Measure.OPEN, due_on__isnull=False)
    for measure in rows.order_by("due_on", "pk"):
        entry = Event()
        entry.add("uid", f"massnahme-{measure.pk}@{host}")
        entry.add("summary", _("Fällig: %(title)s") % {"title": measure.title})
        entry.add("dtstart", measure.due_on)
        entry.add("dtend", measure.due_on + timedelta(days=1))
        entry.add("dtstamp", measure.created_at)
        lines = [
            titles.get(measure.field_key, measure.field_key),
            _("Stand: %(status)s") % {"status": labels[measure.status]},
        ]
        if measure.department:
            lines.append(_("Zuständig: %(department)s") % {"department": measure.department})
        if measure.shown_lead:
            lines.append(_("Ansprechperson: %(person)s") % {"person": measure.shown_lead})
        if measure.success_indicator:
            lines.append(_("Woran wir den Erfolg erkennen: %(text)s") % {"text": measure.success_indicator})
        entry.add("description", "\n".join(str(line) for line in lines))
        calendar.add_component(entry)
    return calendar.to_ical()
