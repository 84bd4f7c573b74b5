import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Benchmark:
    name: str
    function: Callable[[], Callable[[], object]]
    target_seconds: float | None
    repeat: int


REGISTRY: list[Benchmark] = []


def benchmark(name: str, *, target_seconds: float | None = None, repeat: int = 10):
    """Register a benchmark. The decorated function prepares its data and returns the
    callable to time, so set-up never counts."""

    def register(function):
        REGISTRY.append(Benchmark(name, function, target_seconds, repeat))
        return function

    return register


@dataclass
class Measurement:
    name: str
    median: float
    minimum: float
    maximum: float
    runs: int
    target: float | None

    @property
    def met(self) -> bool:
        return self.target is None or self.median <= self.target

    def line(self) -> str:
        target = (
            f"target ≤ {format_seconds(self.target)}: {'met' if self.met else 'MISSED'}" if self.target else "no target"
        )
        return (
            f"{self.name:<58} median {format_seconds(self.median):>9}  "
            f"min {format_seconds(self.minimum):>9}  max {format_seconds(self.maximum):>9}  ({self.runs} runs; {target})"
        )


def format_seconds(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def measure(bench: Benchmark) -> Measurement:
    run = bench.function()
    timings = []
    for _ in range(bench.repeat):
        started = time.perf_counter()
        run()
        timings.append(time.perf_counter() - started)
    return Measurement(
        bench.name, statistics.median(timings), min(timings), max(timings), bench.repeat, bench.target_seconds
    )
