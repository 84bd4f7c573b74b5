import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(selected: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weltoffen.settings.test")
    workdir = tempfile.TemporaryDirectory(prefix="weltoffen-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir.name}/bench.sqlite3")

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)

    from . import cases  # noqa: F401 - registers the benchmarks
    from .harness import REGISTRY, measure

    chosen = [bench for bench in REGISTRY if not selected or any(name in bench.name for name in selected)]
    print(f"{len(chosen)} benchmarks on {django.db.connection.vendor}")
    results = [measure(bench) for bench in chosen]
    for result in results:
        print(result.line())
    workdir.cleanup()
    return 0 if all(result.met for result in results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
