def user_display(user) -> str:
    """How the account pages and mails name a person: by the address they signed in with.

    allauth would otherwise show the generated user name ("koordination.ux1"), which the
    person never chose and does not recognise.
    """
    return user.email
