"""The accreditation demo reproduces the source's counts exactly, at any scale."""
from importlib import import_module

import pytest
from django.db.models import Max

from puente.accounts.models import User
from puente.accreditation import reports
from puente.accreditation.models import Assignment, Cycle, OutcomeSurvey, Program
from puente.demo.builder import DemoContext


@pytest.mark.parametrize("scale", [0.002])
def test_mexico_program_counts(db, scale, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    ctx = DemoContext(seed=11, scale=scale)
    for part in ("registry", "accreditation", "accounts"):
        import_module(f"puente.demo.{part}").build(ctx)
    mexico = Cycle.objects.filter(program=Program.objects.get(code="mx-professionalization"))
    total, rows = reports.tallies(mexico, "program_type")
    assert (total.enrolled, total.accredited, total.withdrawn_removed, total.in_progress) == (82, 70, 12, 0)
    assert [row.accredited for row in rows] == [22, 29, 19]
    years = set(mexico.values_list("enrolled_on__year", flat=True))
    assert min(years) == 2016 and max(years) == 2021
    last = mexico.order_by("-enrolled_on").first()
    assert (last.enrolled_on.year, last.enrolled_on.month, last.accredited_on.year, last.accredited_on.month) == (2021, 12, 2023, 11)
    assert mexico.aggregate(last=Max("accredited_on"))["last"].isoformat() <= "2023-11-30"
    survey = OutcomeSurvey.objects.get(program__code="mx-professionalization")
    assert survey.invitations.count() == 74
    assessor = User.objects.get(username="assessor")
    assert Assignment.objects.filter(assessor=assessor).count() >= 3
    assert Cycle.objects.restrict(assessor, "view").distinct().count() == Assignment.objects.filter(assessor=assessor).count()
    coordinator = User.objects.get(username="coordinator")
    mine = Cycle.objects.restrict(coordinator, "view")
    assert mine.count() == 1 and mine.get().phase == "self_assessment" and mine.get().proofs.filter(file__gt="").exists()
    assert Cycle.objects.overdue().exists()
