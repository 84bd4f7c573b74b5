"""iCalendar (RFC 5545) for events, one at a time or all as a subscribable feed."""

from icalendar import Calendar, Event

from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags

from weltoffen.pages.addresses import site_domain


def calendar_response(events, request, *, filename: str) -> HttpResponse:
    calendar = Calendar()
    calendar.add("prodid", "-//Weltoffene Kommune//Veranstaltungen//DE")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Weltoffene Kommune")
    for page in events:
        entry = Event()
        entry.add("uid", f"event-{page.pk}@{site_domain()}")  # stable, whatever host was used
        entry.add("summary", page.title)
        entry.add("dtstart", page.start)
        entry.add("dtend", page.end)
        entry.add("dtstamp", page.last_published_at or timezone.now())
        entry.add("location", page.location)
        entry.add("url", page.get_full_url(request))
        entry.add("description", plain_description(page))
        calendar.add_component(entry)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def plain_description(page) -> str:
    text = strip_tags(str(page.description)).strip()
    return f"{text}\n\nAnmeldung: {page.registration_url}" if page.registration_url else text
