"""How far each respondent of a round has come: answered questions per assigned field.

One query for the counts of a whole round, so the coordinator's dashboard, the closing
confirmation and a respondent's own overview all count the same way.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count

from .models import Answer, Assessment, Respondent


@dataclass
class Completion:
    respondent: Respondent
    per_field: list[tuple[object, int, int]] = field(default_factory=list)  # (field, answered, questions)
    carried: int = 0  # pre-filled answers not yet confirmed

    @property
    def answered(self) -> int:
        return sum(done for _, done, _ in self.per_field)

    @property
    def total(self) -> int:
        return sum(total for _, _, total in self.per_field)

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.total) if self.total else 0

    @property
    def is_complete(self) -> bool:
        """Every assigned question has a value ("weiß nicht" counts) and nothing pre-filled
        is left unconfirmed."""
        return self.total > 0 and self.answered >= self.total and not self.carried


def completions(assessment: Assessment, respondents=None) -> list[Completion]:
    """Completion of the given respondents (default: the round's active ones), in order."""
    if respondents is None:
        respondents = assessment.respondents.active()
    respondents = list(respondents)
    fields = list(assessment.version.fields.annotate(question_count=Count("questions")).order_by("number"))
    rows = (
        Answer.objects.filter(respondent__in=respondents)
        .exclude(value="")
        .values_list("respondent_id", "question__field_id", "carried_from_round")
    )
    answered, carried = Counter(), Counter()
    for respondent_id, field_id, carried_from in rows:
        answered[respondent_id, field_id] += 1
        carried[respondent_id] += carried_from is not None
    result = []
    for respondent in respondents:
        own = [f for f in fields if respondent.answers_field(f.key)]
        result.append(
            Completion(
                respondent=respondent,
                per_field=[(f, answered[respondent.pk, f.pk], f.question_count) for f in own],
                carried=carried[respondent.pk],
            )
        )
    return result


def unfinished(assessment: Assessment) -> list[Completion]:
    return [completion for completion in completions(assessment) if not completion.is_complete]
