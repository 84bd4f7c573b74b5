"""Who a secret link lets in, and to what.

A link opens either a whole anonymous assessment (its owner: answer everything, see
results, export, delete) or one respondent of a team round (answer the assigned fields,
see only their own answers). Nothing else is reachable through a link.
"""

from dataclasses import dataclass

from .models import Assessment, Respondent


@dataclass(frozen=True)
class Access:
    assessment: Assessment
    respondent: Respondent | None = None

    @property
    def is_owner(self) -> bool:
        """The anonymous owner: results, exports, import, link management, deletion."""
        return self.respondent is None

    def can_see_field(self, field_key: str) -> bool:
        return self.respondent is None or self.respondent.answers_field(field_key)

    def can_answer(self, field_key: str) -> bool:
        return not self.assessment.is_closed and self.can_see_field(field_key)

    def visible_fields(self):
        fields = self.assessment.version.fields.order_by("number")
        if self.respondent and self.respondent.field_keys:
            fields = fields.filter(key__in=self.respondent.field_keys)
        return fields


def access_for(token: str) -> Access | None:
    assessment = Assessment.objects.by_token(token)
    if assessment is not None:
        return Access(assessment=assessment)
    respondent = Respondent.objects.by_token(token)
    if respondent is not None:
        return Access(assessment=respondent.assessment, respondent=respondent)
    return None
