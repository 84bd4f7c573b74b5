import factory

from weltoffen.catalogue.models import CatalogueVersion
from weltoffen.selfcheck.models import Assessment
from weltoffen.selfcheck.tokens import hash_token, new_token


class AssessmentFactory(factory.django.DjangoModelFactory):
    """An assessment on the current catalogue; its secret token is on `.token`."""

    class Meta:
        model = Assessment

    version = factory.LazyFunction(lambda: CatalogueVersion.objects.current())
    title = factory.Sequence(lambda n: f"Selbstcheck {n}")
    token_hash = "unset"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        token = new_token()
        kwargs["token_hash"] = hash_token(token)
        assessment = super()._create(model_class, *args, **kwargs)
        assessment.token = token
        return assessment
