"""The sections the knowledge platform contributes to the home page (pages/templatetags/panels.py).

The home page holds each section's heading and text; what the section lists is chosen
here: the next event (or the last, when none is ahead), the testimonials and the contact
persons that editors marked for the home page. A section with nothing to list, or whose
heading an editor emptied, is left out.
"""

from django.template.loader import render_to_string

from weltoffen.translation import translated

from .models import HOME_PAGE_TESTIMONIALS, ContactPage, ContactPerson, EventIndexPage, EventPage, Testimonial


def event_section(*, request, page) -> str:
    event = EventPage.objects.live().public().next_or_last()
    if event is None:
        return ""
    context = {"event": event, "events_page": EventIndexPage.objects.live().first()}
    return render_to_string("knowledge/_home_event.html", context, request=request)


def testimonials_section(*, request, page) -> str:
    testimonials = list(Testimonial.objects.filter(on_home_page=True).order_by("pk")[:HOME_PAGE_TESTIMONIALS])
    if not testimonials or not page.testimonials_heading:
        return ""
    context = {"page": page, "heading": translated(page, "testimonials_heading"), "testimonials": testimonials}
    return render_to_string("knowledge/_home_testimonials.html", context, request=request)


def contacts_section(*, request, page) -> str:
    people = list(ContactPerson.objects.filter(on_home_page=True))
    if not people or not page.contacts_heading:
        return ""
    context = {
        "page": page,
        "heading": translated(page, "contacts_heading"),
        "text": translated(page, "contacts_text"),
        "people": people,
        "contact_page": ContactPage.objects.live().first(),
    }
    return render_to_string("knowledge/_home_contacts.html", context, request=request)
