"""The private incident record: every change goes through these functions, and each one
checks that the acting user is the author. Deleting removes the files from disk too."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .evidence import MAX_EVIDENCE_PER_INCIDENT, check_evidence
from .models import Evidence, Incident

INCIDENT_FIELDS = ("occurred_at", "channel", "description", "targeted", "reported_to")


def ensure_author(incident: Incident, user) -> None:
    if not user.is_authenticated or incident.author_id != user.pk:
        raise PermissionDenied


@transaction.atomic
def record_incident(*, author, data: dict, upload=None) -> Incident:
    """A new incident; an evidence file with it is checked before anything is saved."""
    checked = check_evidence(upload) if upload else None
    incident = Incident.objects.create(author=author, **{name: data[name] for name in INCIDENT_FIELDS})
    if checked:
        store_evidence(incident, upload, checked)
    return incident


@transaction.atomic
def update_incident(*, incident: Incident, user, data: dict) -> Incident:
    ensure_author(incident, user)
    for name in INCIDENT_FIELDS:
        setattr(incident, name, data[name])
    incident.save()
    return incident


@transaction.atomic
def add_evidence(*, incident: Incident, user, upload) -> Evidence:
    ensure_author(incident, user)
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    if incident.evidence.count() >= MAX_EVIDENCE_PER_INCIDENT:
        raise ValidationError(
            _("Zu einem Vorfall können Sie höchstens %(limit)d Dateien speichern.")
            % {"limit": MAX_EVIDENCE_PER_INCIDENT}
        )
    return store_evidence(incident, upload, check_evidence(upload))


def store_evidence(incident: Incident, upload, checked) -> Evidence:
    evidence = Evidence(
        incident=incident,
        original_name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
    )
    evidence.file.save(checked.name, upload, save=False)
    try:
        evidence.save()
    except Exception:
        evidence.file.storage.delete(evidence.file.name)
        raise
    return evidence


@transaction.atomic
def delete_evidence(*, evidence: Evidence, user) -> None:
    ensure_author(evidence.incident, user)
    storage, name = evidence.file.storage, evidence.file.name
    evidence.delete()
    transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def delete_incident(*, incident: Incident, user) -> None:
    """The incident and all its files, at once and for good."""
    ensure_author(incident, user)
    files = [(item.file.storage, item.file.name) for item in incident.evidence.all()]
    incident.delete()
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in files])


def delete_record_of(user) -> int:
    """Everything a user recorded, with the files: for deleting the account."""
    count = 0
    for incident in Incident.objects.filter(author=user):
        delete_incident(incident=incident, user=user)
        count += 1
    return count
