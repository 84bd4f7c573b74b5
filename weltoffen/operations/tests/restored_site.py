"""Run by test_backup.py in a fresh process whose DATABASE_URL names an empty database:
restore the archive with `manage.py restore`, then report what the restored site holds.

    python -m weltoffen.operations.tests.restored_site <archive> <secret link path>

Prints one JSON object: the command's output, rows per table, and the status and body of
the page the secret link opens.
"""

import io
import json
import os
import sys


def main(archive: str, link: str) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from weltoffen.operations.backup import row_counts

    output = io.StringIO()
    call_command("restore", archive, "--no-input", stdout=output)
    with connection.cursor() as cursor:
        tables = row_counts(cursor, connection.vendor)
    response = Client().get(link)
    report = {"output": output.getvalue(), "tables": tables, "status": response.status_code}
    sys.stdout.write(json.dumps({**report, "body": response.content.decode()}) + "\n")


if __name__ == "__main__":
    sys.path.insert(0, os.getcwd())
    main(*sys.argv[1:3])
