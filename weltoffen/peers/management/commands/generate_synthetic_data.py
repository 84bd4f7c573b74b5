import time

from django.core.management.base import BaseCommand

from weltoffen.peers import synthetic


class Command(BaseCommand):
    help = "Synthetic teams with three closed rounds each for the register, marked as test data."

    def add_arguments(self, parser):
        parser.add_argument("--municipalities", type=int, default=None, help="how many (default: all in the register)")
        parser.add_argument("--rounds", type=int, default=3)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, **options):
        started = time.perf_counter()
        totals = synthetic.generate(count=options["municipalities"], rounds=options["rounds"], seed=options["seed"])
        seconds = time.perf_counter() - started
        summary = ", ".join(f"{value} {key}" for key, value in totals.items()) or "nothing new"
        self.stdout.write(f"Synthetic data: {summary} in {seconds:.1f} s. Remove with: manage.py remove_synthetic_data")
