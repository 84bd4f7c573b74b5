"""The one threshold rule of the comparison, free of the ORM.

Every place that shows anything derived from other municipalities' scores (results page,
PDF, API, dashboard, CSV) asks this module, so the rule has one source and one set of tests:

1. A group is shown only when at least `MIN_OTHERS` municipalities other than the viewer
   contribute to it.
2. Differencing: a group whose members differ from another group already shown by fewer
   than `MIN_OTHERS` municipalities is not shown, because comparing the two would tell
   something about those few. A group identical to a shown one is not shown twice.
3. Tables of counts (dashboard, CSV) suppress every cell below `MIN_OTHERS`, and when a
   row with a total would then have exactly one hidden cell, the next smallest cell is
   hidden too, so the hidden one cannot be recovered by subtraction.

Aggregates publish median and quartiles rounded to whole points, never means or sums,
so removing one contributor cannot be undone by arithmetic.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

MIN_OTHERS = 5

TOO_FEW = "too_few"
DIFFERENCING = "differencing"
IDENTICAL = "identical"


@dataclass(frozen=True)
class GroupCount:
    key: str
    count: int  # contributing municipalities with a score in this field
    includes_viewer: bool = False

    @property
    def others(self) -> int:
        return self.count - (1 if self.includes_viewer else 0)


@dataclass(frozen=True)
class Decision:
    key: str
    shown: bool
    reason: str = ""  # TOO_FEW, DIFFERENCING or IDENTICAL when hidden
    against: str = ""  # the shown group it was compared with


def nested_difference(broader: int, narrower: int) -> int:
    """Members of the broader group that are not in the narrower one it contains."""
    return broader - narrower


def symmetric_difference(first: int, second: int, overlap: int) -> int:
    """Members in exactly one of two overlapping groups."""
    return first + second - 2 * overlap


def decide(groups: Sequence[GroupCount], difference: Callable[[str, str], int]) -> list[Decision]:
    """Which groups may be shown, in the order given (broadest first is the natural order:
    the all-participants group is kept, the narrower one that differs too little goes).

    `difference(shown_key, candidate_key)` returns how many municipalities are in exactly
    one of the two groups.
    """
    decisions = []
    shown: list[str] = []
    for group in sorted(groups, key=lambda g: -g.count):
        if group.others < MIN_OTHERS:
            decisions.append(Decision(group.key, False, TOO_FEW))
            continue
        clash = None
        for other in shown:
            apart = difference(other, group.key)
            if apart < MIN_OTHERS:
                clash = Decision(group.key, False, IDENTICAL if apart == 0 else DIFFERENCING, other)
                break
        if clash:
            decisions.append(clash)
        else:
            shown.append(group.key)
            decisions.append(Decision(group.key, True))
    order = {group.key: index for index, group in enumerate(groups)}
    return sorted(decisions, key=lambda decision: order[decision.key])


def cell_shown(count: int) -> bool:
    return count >= MIN_OTHERS


TOTAL = "__total__"


def suppress_cells(counts: Mapping[str, int], *, with_total: bool = True) -> dict[str, bool]:
    """Which cells of one row of counts may be shown (True) under the rule; with a total,
    the result also says under `TOTAL` whether the row's total may be shown.

    Primary suppression hides every cell below the threshold; secondary suppression hides
    the next smallest cell when the row's total is shown and only one cell would be hidden,
    so no hidden count follows from the total minus the shown ones (without such a cell,
    the total is hidden). Empty cells (0) reveal nothing about anyone and stay shown.
    """
    shown = {key: count == 0 or cell_shown(count) for key, count in counts.items()}
    if not with_total:
        return shown
    total = sum(counts.values())
    shown[TOTAL] = total == 0 or cell_shown(total)
    hidden = [key for key, visible in shown.items() if not visible and key != TOTAL]
    if len(hidden) == 1 and shown[TOTAL]:
        candidates = sorted((count, key) for key, count in counts.items() if shown[key] and count > 0)
        if candidates:
            shown[candidates[0][1]] = False
        else:
            shown[TOTAL] = False
    return shown


def rounded(value: float | None) -> int | None:
    """Published statistics are whole points: finer digits would help differencing."""
    return None if value is None else round(value)
