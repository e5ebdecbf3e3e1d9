"""Allocation runs through the database: solve, compare, explain, publish, notify, scope."""
import datetime
import json

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from puente.accounts.roles import Role
from puente.capacity import actions
from puente.capacity.models import AllocationRun, RunOutcome, Session, TrainingRequest
from puente.capacity.runs import build_problem, fiscal_month, parse_rules
from puente.core.jobs import JobError

from .fixtures import capacity, oversubscribed  # noqa: F401 (the cap fixture)

#: The new-run form as a program manager leaves it, for FY2025.
RUN_FORM = {"fiscal_year": 2025, "critical_factor": 2, "border_factor": 1.5, "remote_factor": 1.25,
            "underserved_factor": 1.25, "first_seat_fairness": "on", "max_share": 0.25}


def test_fiscal_months_start_in_october():
    assert [fiscal_month(m) for m in (10, 12, 1, 9)] == [1, 3, 4, 12]


def test_problem_reflects_requests_sessions_and_preferences(world, cap):
    request = cap["request"]["own"]
    request.preferred_months = [2]
    request.save()
    request.preferred_sites.set([cap["site"]["own"]])
    problem = build_problem(2025, parse_rules({}))
    own = next(r for r in problem.requests if r.id == request.pk)
    assert own.months == {fiscal_month(2)} and own.sites == {cap["site"]["own"].pk}
    assert own.critical and own.border  # TMED is mission-critical; Nogales is a border agency
    assert sum(s.capacity for s in problem.sessions) == 44
    assert problem.requests[0].id == TrainingRequest.objects.get(justification="EARLY-BIG").pk  # first come first


def test_bad_rules_name_the_field(world, cap, pm):
    with pytest.raises(JobError, match="rules.max_share"):
        parse_rules({"max_share": 3})
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as excinfo:
        actions.start_run(pm, fiscal_year=2025, rules={"border_factr": 2})
    assert "border_factr" in str(excinfo.value)
    assert not AllocationRun.objects.exists()


def test_bad_rules_are_explained_in_the_readers_language(world, cap, pm):
    from django.utils import translation

    from puente.capacity.allocation import RulesError
    from puente.capacity.runs import RULE_PROBLEMS

    assert set(RULE_PROBLEMS) == set(RulesError.MESSAGES)  # every problem the core reports has words here
    with translation.override("es"), pytest.raises(JobError, match=r"rules.max_share: debe ser una proporción entre 0 y 1, se recibió 3"):
        parse_rules({"max_share": 3})
    with translation.override("es"), pytest.raises(JobError, match=r"rules.border_factr: regla desconocida \(conocidas: border_factor,"):
        parse_rules({"border_factr": 2})
    with pytest.raises(JobError, match=r"rules.critical_factor: must be greater than zero, got 0"):
        parse_rules({"critical_factor": 0})


def test_rules_name_programs_and_threats_by_their_codes(world, cap, pm, django_capture_on_commit_callbacks):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as excinfo:
        actions.start_run(pm, fiscal_year=2025, rules={"program_relevance": {"TMED": 2, "NOPE": 3}})
    assert excinfo.value.message_dict["rules"] == ["rules.program_relevance: no program has the code NOPE"]
    with pytest.raises(ValidationError, match="rules.threat_weights: no threat has the code smuggling"):
        actions.start_run(pm, fiscal_year=2025, rules={"threat_weights": {"smuggling": 3}})
    assert not AllocationRun.objects.exists()
    weights = {}
    for relevance in (None, 5):
        rules = {"max_share": None} | ({"program_relevance": {"TMED": relevance}} if relevance else {})
        with django_capture_on_commit_callbacks(execute=True):
            run = actions.start_run(pm, fiscal_year=2025, rules=rules)
        weights[relevance] = dict(RunOutcome.objects.filter(run=run).values_list("request__justification", "weight"))
    assert weights[5]["OWN-REQUEST"] == pytest.approx(5 * weights[None]["OWN-REQUEST"])


def test_the_run_form_weighs_threats_for_this_run_only(world, cap, pm, client, django_capture_on_commit_callbacks):
    from puente.catalog.models import ThreatTag

    fentanyl = ThreatTag.objects.create(code="FENTANYL", name_en="Fentanyl", name_es="Fentanilo", weight=3)
    ThreatTag.objects.create(code="CITES", name_en="Wildlife", name_es="Vida silvestre", weight=1)
    cap["program"].threats.add(fentanyl)
    client.force_login(pm)
    page = client.get("/capacity/runs/add/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Peso de la amenaza: Fentanilo" in page and "Vacío: el peso del catálogo, 3." in page
    form = RUN_FORM | {"max_share": "", "threat_FENTANYL": 6, "threat_CITES": ""}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/capacity/runs/add/", form)
    assert response.status_code == 302
    run = AllocationRun.objects.get()
    assert run.rules["threat_weights"] == {"FENTANYL": 6.0}  # only the threat given a weight for this run
    own = RunOutcome.objects.get(run=run, request__justification="OWN-REQUEST")
    assert own.weight == pytest.approx(6 * 2 * 1.5)  # threat 6 × mission-critical 2 × border 1.5
    assert ThreatTag.objects.get(code="FENTANYL").weight == 3  # the catalog is unchanged
    response = client.post("/capacity/runs/add/", form | {"threat_FENTANYL": 0})
    assert response.status_code == 400 and "threat_FENTANYL" in response.context["form"].errors


def test_a_share_cap_that_leaves_no_seat_is_refused_everywhere(world, cap, pm, client, tmp_path):
    """TMED has 44 seats: a 0.02 share caps every agency at floor(0.88) = 0 seats, so the rule cannot hold."""
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as excinfo:
        actions.start_run(pm, fiscal_year=2025, rules={"max_share": 0.02})
    message = " ".join(excinfo.value.message_dict["max_share"])
    assert "TMED (44)" in message and "at least 0.03" in message
    client.force_login(pm)
    form = RUN_FORM | {"max_share": 0.02}
    response = client.post("/capacity/runs/add/", form, HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 400
    assert "TMED (44)" in response.context["form"].errors["max_share"][0]
    assert "Use una proporción de al menos 0.03" in response.content.decode()
    pm.username = "admin"
    pm.save()
    rules = tmp_path / "rules.json"
    rules.write_text(json.dumps({"max_share": 0.02}), encoding="utf-8")
    with pytest.raises(CommandError, match=r"max_share: .*TMED \(44\)"):
        call_command("allocate", "--year", "2025", "--rules", str(rules), verbosity=0)
    assert not AllocationRun.objects.exists()
    # The smallest share that leaves one seat is accepted; cancelled sessions do not count.
    assert actions.start_run(pm, fiscal_year=2025, rules={"max_share": 0.03}, enqueue=False)
    Session.objects.filter(pk=cap["session"]["other"].pk).update(status=Session.Status.CANCELLED)
    with pytest.raises(ValidationError, match=r"TMED \(24\)"):
        actions.start_run(pm, fiscal_year=2025, rules={"max_share": 0.04})


def test_a_share_cap_broken_after_the_start_fails_the_solve(world, cap, pm):
    from puente.core.jobs import run_in_foreground

    run = actions.start_run(pm, fiscal_year=2025, rules={"max_share": 0.03}, enqueue=False)
    Session.objects.filter(pk=cap["session"]["other"].pk).update(status=Session.Status.CANCELLED)  # 24 seats left
    job = run_in_foreground("capacity.allocate", {"run_id": run.pk}, pm, show_progress=False)
    run.refresh_from_db()
    assert run.status == AllocationRun.Status.FAILED and "TMED (24)" in job.error
    assert not RunOutcome.objects.filter(run=run).exists()


def test_run_solves_explains_and_beats_first_come(world, cap, pm, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run = actions.start_run(pm, fiscal_year=2025, rules={"max_share": 0.6})
    run.refresh_from_db()
    assert run.status == AllocationRun.Status.DONE, run.error
    summary = run.summary
    # The cap is 60% of the program's 44 seats (26) per agency: Arizona's 34 asked are capped.
    assert summary["optimizer"]["seats_filled"] == 26 + 6
    assert summary["first_come"]["seats_filled"] == 40
    assert summary["optimality"] >= 0.999
    outcomes = {o.request.justification: o for o in RunOutcome.objects.filter(run=run).select_related("request")}
    # First come gives the early big request everything it can; the optimizer's share cap stops it.
    assert outcomes["EARLY-BIG"].first_come_seats > outcomes["EARLY-BIG"].seats_allocated
    assert outcomes["EARLY-BIG"].reason_code == "fairness_cap"
    assert outcomes["OWN-REQUEST"].seats_allocated == 6 and outcomes["OWN-REQUEST"].reason_code == ""
    assert sum(o.seats_allocated for o in outcomes.values()) == 32


def test_without_a_cap_the_optimizer_is_never_below_first_come(world, cap, pm, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run = actions.start_run(pm, fiscal_year=2025, rules={"max_share": None})
    run.refresh_from_db()
    assert run.summary["weighted_ratio"] >= 1.0 - 1e-9
    assert run.summary["optimizer"]["seats_filled"] == 40


def test_publish_notifies_coordinators_in_their_language_and_opens_outcomes(world, cap, pm, django_capture_on_commit_callbacks):
    coordinator = world.user(Role.AGENCY_COORDINATOR)
    coordinator.email = "coord@nogales.example"
    coordinator.language = "es"
    coordinator.save()
    with django_capture_on_commit_callbacks(execute=True):
        run = actions.start_run(pm, fiscal_year=2025)
    run.refresh_from_db()
    assert not RunOutcome.objects.restrict(coordinator, "view").exists()  # not yet published
    with django_capture_on_commit_callbacks(execute=True):
        actions.publish_run(pm, run)
    seen = RunOutcome.objects.restrict(coordinator, "view")
    assert {o.request.agency_id for o in seen} == {world.own.pk}
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["coord@nogales.example"]
    assert "lugares" in mail.outbox[0].subject.lower() or "FY2025" in mail.outbox[0].subject
    with pytest.raises(Exception):
        actions.publish_run(pm, run)  # already published


def test_a_year_without_requests_or_sessions_is_refused_at_the_start_and_at_the_solve(world, cap, pm):
    from django.core.exceptions import ValidationError

    from puente.capacity.models import RequestWindow
    from puente.core.jobs import run_in_foreground

    window = RequestWindow.objects.create(fiscal_year=2027, opens_on=datetime.date(2026, 6, 1), closes_on=datetime.date(2026, 9, 1))
    with pytest.raises(ValidationError, match="no submitted requests for FY2027"):
        actions.start_run(pm, fiscal_year=2027, enqueue=False)
    TrainingRequest.objects.create(window=window, agency=world.own, program=cap["program"], seats=3, submitted_at=timezone.now())
    with pytest.raises(ValidationError) as excinfo:
        actions.start_run(pm, fiscal_year=2027, enqueue=False)
    assert "no sessions in FY2027" in excinfo.value.message_dict["fiscal_year"][0]
    assert not AllocationRun.objects.filter(fiscal_year=2027).exists()
    run = actions.start_run(pm, fiscal_year=2025, enqueue=False)
    TrainingRequest.objects.filter(window__fiscal_year=2025).update(status=TrainingRequest.Status.WITHDRAWN)
    job = run_in_foreground("capacity.allocate", {"run_id": run.pk}, pm, show_progress=False)
    run.refresh_from_db()
    assert run.status == AllocationRun.Status.FAILED and "no submitted requests for FY2025" in job.error


def test_cli_allocate_with_rules_file_and_publish(world, cap, pm, tmp_path, capsys):
    pm.username = "admin"
    pm.save()
    rules = tmp_path / "rules.yaml"
    rules.write_text("critical_factor: 3\nmax_share: [0.5\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"rules.yaml: line \d+"):
        call_command("allocate", "--year", "2025", "--rules", str(rules), verbosity=0)
    rules.write_text(json.dumps({"critical_factor": 3, "max_share": 0.5}), encoding="utf-8")
    rules = rules.rename(tmp_path / "rules.json")
    call_command("allocate", "--year", "2025", "--rules", str(rules), "--publish", verbosity=0)
    out = capsys.readouterr().out
    assert "of 40 seats filled" in out and "published" in out
    assert AllocationRun.objects.get().status == AllocationRun.Status.PUBLISHED


def test_cancelled_sessions_offer_no_seats(world, cap):
    Session.objects.filter(pk=cap["session"]["other"].pk).update(status=Session.Status.CANCELLED)
    assert sum(s.capacity for s in build_problem(2025, parse_rules({})).sessions) == 24


def test_what_if_reports_predicted_and_actual_gain(world, cap, pm, client, django_capture_on_commit_callbacks):
    TrainingRequest.objects.create(window=cap["window"], agency=world.own, program=cap["program"], seats=20,
                                   submitted_at=timezone.now(), justification="MORE")  # demand beyond the 44 seats
    with django_capture_on_commit_callbacks(execute=True):
        run = actions.start_run(pm, fiscal_year=2025, rules={"max_share": None})
    run.refresh_from_db()
    best = run.plan["sessions"][0]
    client.force_login(pm)
    page = client.get(f"/capacity/runs/{run.pk}/").content.decode()
    assert run.plan["instructor_days"]
    for candidate in run.plan["instructor_days"]:  # named by their session, linked to it
        assert f'href="/capacity/sessions/{candidate["session_id"]}/"' in page
    response = client.post(f"/capacity/runs/{run.pk}/what-if/", {key: best[key] for key in ("program_id", "site_id", "month", "seats")}, follow=True)
    text = response.content.decode()
    assert "predicted gain" in text and "actual gain" in text
    from puente.capacity.runs import try_extra_session

    figures = try_extra_session(run, program_id=int(best["program_id"]), site_id=int(best["site_id"]), month=best["month"], seats=best["seats"])
    assert figures["actual_gain"] == pytest.approx(best["predicted_gain"], rel=0.05)


def test_lower_priority_reason_names_an_agency_that_got_the_seat(world, cap):
    outcome = cap_outcome = RunOutcome(reason_code="lower_priority", reason_params={"example_agency": world.other.pk})
    assert world.other.name in cap_outcome.reason_text and outcome.reason_text.startswith("Lower priority")
