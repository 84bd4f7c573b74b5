"""Run by test_multiserver.py to build the template its databases are copied from: migrate,
load catalogue v1 and create a signed-up coordinator, in one process. Prints one JSON object
with what the test's requests need.
"""

import io
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

PASSWORD = "zwei-server-ein-passwort-2027"


def main() -> None:
    import django

    django.setup()
    from allauth.account.models import EmailAddress

    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from weltoffen.catalogue.loading import DATA_DIR, load_all

    call_command("migrate", "--no-input", verbosity=0, stdout=io.StringIO())
    with tempfile.TemporaryDirectory() as scratch:
        shutil.copytree(DATA_DIR / "v1", Path(scratch) / "v1")
        version = load_all(Path(scratch))[-1].version
    field = version.fields.order_by("number").first()
    email = "koordination@zwei-server.example"
    user = get_user_model().objects.create_user(username="koordination", email=email, password=PASSWORD)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    sys.stdout.write(
        json.dumps(
            {
                "version": version.key,
                "field": field.key,
                "questions": list(field.questions.order_by("position").values_list("key", flat=True)[:2]),
                "email": email,
                "password": PASSWORD,
            }
        )
        + "\n"
    )


if __name__ == "__main__":
    sys.path.insert(0, os.getcwd())
    main()
