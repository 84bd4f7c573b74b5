import factory

from django.contrib.auth import get_user_model

from weltoffen.teams import rounds


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("email",)

    username = factory.Sequence(lambda n: f"person{n}")
    email = factory.Sequence(lambda n: f"person{n}@kommune.example")
    password = factory.django.Password("ein-langes-passwort-123")


def make_team(municipality, *, name="Steuerungsgruppe Integration", coordinator=None):
    """A team with its coordinator and an open first round."""
    coordinator = coordinator or UserFactory()
    team = rounds.create_team(user=coordinator, municipality=municipality, name=name)
    team.coordinator = coordinator
    return team
