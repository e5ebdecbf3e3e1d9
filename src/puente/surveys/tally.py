"""Satisfaction indicators and small-group suppression. Pure: no Django import.

A group's tally counts its officers invited, their responses, the satisfied among them and
the sum of each question's ratings. A group with some responses, but fewer than the minimum,
shows no counts; when the table also shows a total, more groups are hidden with it (smallest
first) until no hidden group can be recovered by subtraction: at least two hidden, and
together at least the minimum. A group nobody answered in has nothing to protect: it shows
its zero.
"""
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Tally:
    key: object
    label: str
    invited: int = 0
    responses: int = 0
    satisfied: int = 0
    sums: dict = field(default_factory=dict)

    def __add__(self, other: "Tally") -> "Tally":
        sums = dict(self.sums)
        for question, value in other.sums.items():
            sums[question] = sums.get(question, 0) + value
        return Tally(self.key, self.label, self.invited + other.invited, self.responses + other.responses,
                     self.satisfied + other.satisfied, sums)


@dataclass(frozen=True)
class Row:
    key: object
    label: str
    invited: int
    suppressed: bool
    responses: int | None = None
    satisfied: int | None = None
    satisfied_share: float | None = None
    response_rate: float | None = None
    means: dict | None = None


def share(part: int, whole: int) -> float | None:
    """part / whole, or None when there is nothing to divide."""
    return part / whole if whole else None


def row(tally: Tally, suppressed: bool) -> Row:
    if suppressed:
        return Row(tally.key, tally.label, tally.invited, True)
    return Row(
        tally.key, tally.label, tally.invited, False, tally.responses, tally.satisfied,
        share(tally.satisfied, tally.responses), share(tally.responses, tally.invited),
        {question: value / tally.responses for question, value in tally.sums.items()} if tally.responses else None,
    )


def hidden(tallies: list[Tally], minimum: int) -> set:
    """Keys of the groups to hide: the small ones, and the complementary ones that protect them."""
    small = {t.key for t in tallies if _small(t, minimum)}
    if not small:
        return small
    rest = sorted((t for t in tallies if t.responses >= minimum), key=lambda t: (t.responses, str(t.label)))
    total = sum(t.responses for t in tallies if t.key in small)
    while rest and (len(small) == 1 or total < minimum):
        extra = rest.pop(0)
        small.add(extra.key)
        total += extra.responses
    return small


def summarize(tallies: list[Tally], minimum: int) -> tuple[list[Row], Row]:
    """The table's rows (in the order given) and its total row, suppressed where they must be."""
    keys = hidden(tallies, minimum)
    overall = sum(tallies, Tally("total", ""))
    return [row(t, t.key in keys) for t in tallies], row(overall, _small(overall, minimum))


def _small(tally: Tally, minimum: int) -> bool:
    return 0 < tally.responses < minimum
