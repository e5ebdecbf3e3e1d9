"""Allocation over the API: runs started, solved and published, outcomes scoped to the reader,
the what-if re-solve, closing and reopening request windows, and the service-rate report."""

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from puente.accounts.roles import Role
from puente.capacity import actions, reports
from puente.capacity.models import AllocationRun, RequestWindow, RunOutcome, TrainingRequest
from puente.capacity.runs import try_extra_session
from puente.core.models import AuditEntry

from .fixtures import oversubscribed  # noqa: F401 (the cap fixture)


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def solve(pm, django_capture_on_commit_callbacks):
    """Start a run through the actions and run its job (inline in tests) before returning it."""

    def run(rules=None, publish=False) -> AllocationRun:
        with django_capture_on_commit_callbacks(execute=True):
            started = actions.start_run(pm, fiscal_year=2025, rules=rules)
        started.refresh_from_db()
        assert started.status == AllocationRun.Status.DONE, started.error
        if publish:
            with django_capture_on_commit_callbacks(execute=True):
                started = actions.publish_run(pm, started)
        return started

    return run


def _audited(action: str, run: AllocationRun, actor) -> bool:
    return AuditEntry.objects.filter(action=action, object_id=str(run.pk), actor=actor).exists()


def test_program_manager_starts_and_publishes_a_run(world, cap, pm, django_capture_on_commit_callbacks):
    api = _client(pm)
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post("/api/allocation-runs/", {"fiscal_year": 2025, "rules": {"max_share": 0.6}}, format="json")
        assert response.status_code == 201, response.content
        assert response.json()["status"] == "queued"
    run_id = response.json()["id"]

    # The queued job ran: the run is solved, with its summary and its rules as stored.
    shown = api.get(f"/api/allocation-runs/{run_id}/").json()
    assert shown["status"] == "done" and shown["job"] and shown["created_by"] == pm.pk
    assert shown["rules"]["max_share"] == 0.6
    assert shown["summary"]["optimizer"]["seats_filled"] == 26 + 6  # as in test_runs: the 60 % cap binds
    assert shown["summary"]["first_come"]["seats_filled"] == 40
    assert shown["plan"]["sessions"]
    listed = api.get("/api/allocation-runs/?fiscal_year=2025&status=done").json()["results"]
    assert [row["id"] for row in listed] == [run_id]
    assert api.get("/api/allocation-runs/?status=published").json()["results"] == []

    published = api.post(f"/api/allocation-runs/{run_id}/publish/", format="json")
    assert published.status_code == 200, published.content
    assert published.json()["status"] == "published" and published.json()["published_by"] == pm.pk
    run = AllocationRun.objects.get(pk=run_id)
    assert run.status == AllocationRun.Status.PUBLISHED
    assert _audited("capacity.allocationrun.create", run, pm) and _audited("capacity.allocationrun.publish", run, pm)

    again = api.post(f"/api/allocation-runs/{run_id}/publish/", format="json")
    assert again.status_code == 400 and "status" in again.json()
    # Runs are never edited or deleted over the API.
    assert api.patch(f"/api/allocation-runs/{run_id}/", {"fiscal_year": 2026}, format="json").status_code == 405
    assert api.delete(f"/api/allocation-runs/{run_id}/").status_code in (403, 405)  # no grant deletes a run
    assert AllocationRun.objects.filter(pk=run_id).exists()


def test_bad_rules_or_year_are_refused_naming_the_field_and_store_no_run(world, cap, pm):
    api = _client(pm)
    response = api.post("/api/allocation-runs/", {"fiscal_year": 2025, "rules": {"border_factr": 2}}, format="json")
    assert response.status_code == 400 and set(response.json()) == {"rules"}
    assert "border_factr" in str(response.json())
    response = api.post("/api/allocation-runs/", {"fiscal_year": 2025, "rules": {"max_share": 3}}, format="json")
    assert response.status_code == 400 and "max_share" in str(response.json()["rules"])
    response = api.post("/api/allocation-runs/", {"fiscal_year": 2025, "rules": {"max_share": 0.02}}, format="json")
    assert response.status_code == 400 and "TMED (44)" in response.json()["max_share"][0]  # floor(0.02 × 44) = 0 seats
    response = api.post("/api/allocation-runs/", {"fiscal_year": 2025, "rules": [1, 2]}, format="json")
    assert response.status_code == 400 and set(response.json()) == {"rules"}
    response = api.post("/api/allocation-runs/", {"fiscal_year": 2031}, format="json")
    assert response.status_code == 400 and set(response.json()) == {"fiscal_year"}
    assert not AllocationRun.objects.exists()
    assert not AuditEntry.objects.filter(action="capacity.allocationrun.create").exists()


def test_coordinator_reads_no_runs_and_only_own_outcomes_of_published_runs(world, cap, pm, coordinator, solve):
    published = solve(publish=True)
    draft = solve()  # done, never published
    api = _client(coordinator)
    assert api.get("/api/allocation-runs/").status_code == 403
    assert api.get(f"/api/allocation-runs/{published.pk}/").status_code == 403
    assert api.post("/api/allocation-runs/", {"fiscal_year": 2025}, format="json").status_code == 403
    assert api.post(f"/api/allocation-runs/{draft.pk}/publish/", format="json").status_code == 403
    assert AllocationRun.objects.get(pk=draft.pk).status == AllocationRun.Status.DONE

    rows = api.get("/api/allocation-outcomes/").json()["results"]
    own = RunOutcome.objects.get(run=published, request=cap["request"]["own"])
    assert [row["id"] for row in rows] == [own.pk]
    row = rows[0]
    assert row["run"] == published.pk and row["fiscal_year"] == 2025 and row["agency"] == world.own.pk
    assert row["agency_code"] == world.own.code and row["program_code"] == "TMED"
    assert row["seats_requested"] == 6 and row["seats_allocated"] == own.seats_allocated
    assert sum(row["allocation"].values()) == own.seats_allocated
    assert api.get(f"/api/allocation-outcomes/?run={draft.pk}").json()["results"] == []
    other = RunOutcome.objects.get(run=published, request=cap["request"]["other"])
    assert api.get(f"/api/allocation-outcomes/{other.pk}/").status_code == 404
    unpublished = RunOutcome.objects.get(run=draft, request=cap["request"]["own"])
    assert api.get(f"/api/allocation-outcomes/{unpublished.pk}/").status_code == 404

    # A program manager (and an auditor) reads every agency's outcomes in every run.
    everyone = _client(pm).get("/api/allocation-outcomes/").json()
    assert everyone["count"] == RunOutcome.objects.count() == 6
    auditor = _client(world.user(Role.AUDITOR, scoped=False)).get("/api/allocation-outcomes/").json()
    assert auditor["count"] == 6


def test_outcome_filters_reasons_and_no_query_per_row(world, cap, pm, solve, django_assert_max_num_queries):
    run = solve(rules={"max_share": 0.6})
    api = _client(pm)
    capped = api.get(f"/api/allocation-outcomes/?run={run.pk}&reason_code=fairness_cap").json()["results"]
    assert [row["agency"] for row in capped] == [world.other.pk]
    assert capped[0]["reason"] == "Your agency reached its share cap for this program."
    assert {row["agency"] for row in api.get(f"/api/allocation-outcomes/?agency={world.own.pk}").json()["results"]} == {world.own.pk}
    assert api.get(f"/api/allocation-outcomes/?program={cap['program'].pk}").json()["count"] == 3
    assert api.get("/api/allocation-outcomes/?reason_code=nonsense").status_code == 400

    # Reasons naming an example agency read the names once per page, whatever the number of rows.
    RunOutcome.objects.filter(run=run).update(reason_code="lower_priority", reason_params={"example_agency": world.own.pk})
    for n in range(20):
        request = TrainingRequest.objects.create(window=cap["window"], agency=world.other, program=cap["program"], seats=1,
                                                 submitted_at=timezone.now(), justification=f"N{n}")
        RunOutcome.objects.create(run=run, request=request, seats_requested=1, seats_allocated=0, first_come_seats=0, weight=1.0,
                                  reason_code="program_full", reason_params={"example_agency": world.own.pk})
    with django_assert_max_num_queries(8):
        rows = api.get("/api/allocation-outcomes/").json()["results"]
    assert len(rows) == 23
    assert all(row["reason"].endswith(f"(For example, {world.own.name} got a seat there.)") for row in rows)
    one = api.get(f"/api/allocation-outcomes/{rows[0]['id']}/").json()
    assert one["reason"] == rows[0]["reason"]


def test_what_if_returns_predicted_and_actual_gain(world, cap, pm, coordinator, solve):
    TrainingRequest.objects.create(window=cap["window"], agency=world.own, program=cap["program"], seats=20,
                                   submitted_at=timezone.now(), justification="MORE")  # demand beyond the 44 seats
    run = solve(rules={"max_share": None})
    best = run.plan["sessions"][0]
    body = {key: int(best[key]) for key in ("program_id", "site_id", "month", "seats")}
    api = _client(pm)
    response = api.post(f"/api/allocation-runs/{run.pk}/what-if/", body, format="json")
    assert response.status_code == 200, response.content
    result = response.json()
    expected = try_extra_session(run, **body)
    assert result["predicted_gain"] == pytest.approx(expected["predicted_gain"])
    assert result["actual_gain"] == pytest.approx(expected["actual_gain"])
    assert result["actual_seats_gain"] == expected["actual_seats_gain"] > 0
    assert result["actual_gain"] == pytest.approx(best["predicted_gain"], rel=0.05)

    for name in body:
        missing = {key: value for key, value in body.items() if key != name}
        response = api.post(f"/api/allocation-runs/{run.pk}/what-if/", missing, format="json")
        assert response.status_code == 400 and set(response.json()) == {name}
        response = api.post(f"/api/allocation-runs/{run.pk}/what-if/", {**body, name: "many"}, format="json")
        assert response.status_code == 400 and set(response.json()) == {name}
    assert api.post(f"/api/allocation-runs/{run.pk}/what-if/", {**body, "month": 13}, format="json").status_code == 400
    assert api.post(f"/api/allocation-runs/{run.pk}/what-if/", {**body, "program_id": 999999}, format="json").json().keys() == {"program_id"}
    assert _client(coordinator).post(f"/api/allocation-runs/{run.pk}/what-if/", body, format="json").status_code == 403
    auditor = world.user(Role.AUDITOR, scoped=False)
    assert _client(auditor).post(f"/api/allocation-runs/{run.pk}/what-if/", body, format="json").status_code == 403


def test_close_and_reopen_a_window(world, cap, pm, coordinator):
    window = cap["window"]
    refused = _client(coordinator).post(f"/api/request-windows/{window.pk}/close/", format="json")
    assert refused.status_code == 403
    window.refresh_from_db()
    assert window.status == RequestWindow.Status.OPEN

    api = _client(pm)
    closed = api.post(f"/api/request-windows/{window.pk}/close/", format="json")
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    window.refresh_from_db()
    assert window.status == RequestWindow.Status.CLOSED
    assert AuditEntry.objects.filter(action="capacity.requestwindow.close", object_id=str(window.pk), actor=pm).exists()
    # Closed: the coordinator can no longer submit.
    late = _client(coordinator).post("/api/training-requests/", {"window": window.pk, "agency": world.own.pk,
                                                                  "program": cap["program"].pk, "seats": 2}, format="json")
    assert late.status_code == 400 and "window" in late.json()

    assert _client(coordinator).post(f"/api/request-windows/{window.pk}/reopen/", format="json").status_code == 403
    window.refresh_from_db()
    assert window.status == RequestWindow.Status.CLOSED
    reopened = api.post(f"/api/request-windows/{window.pk}/reopen/", format="json")
    assert reopened.status_code == 200 and reopened.json()["status"] == "open"
    window.refresh_from_db()
    assert window.status == RequestWindow.Status.OPEN
    assert AuditEntry.objects.filter(action="capacity.requestwindow.reopen", object_id=str(window.pk), actor=pm).exists()


def test_service_rates_match_the_report_and_are_scoped(world, cap, pm, coordinator, solve):
    api = _client(pm)
    empty = api.get("/api/service-rates/").json()
    assert empty["year"] is None and empty["totals"] is None and empty["rows"] == [] and empty["by_year"] == []

    run = solve(rules={"max_share": 0.6}, publish=True)
    body = api.get("/api/service-rates/?year=2025").json()
    expected = reports.totals(pm, 2025)
    assert body["year"] == 2025 and body["years"] == [2025] and body["by"] == "program" and body["by_label"] == "Program"
    assert body["totals"]["run"] == run.pk
    for key in ("fiscal_year", "requested", "filled", "unmet", "rate", "critical_rate", "other_rate"):
        assert body["totals"][key] == pytest.approx(expected[key]), key
    assert (body["totals"]["requested"], body["totals"]["filled"]) == (40, 32)
    assert body["rows"] == [{**row, "group": str(row["group"])} for row in reports.breakdown(pm, 2025, "program")]
    assert [year["fiscal_year"] for year in body["by_year"]] == [2025] and body["by_year"][0]["request_growth"] is None
    assert api.get("/api/service-rates/").json()["year"] == 2025  # the latest published year by default

    by_agency = api.get("/api/service-rates/?year=2025&by=agency").json()["rows"]
    assert {row["group"] for row in by_agency} == {world.own.name, world.other.name}

    mine = _client(coordinator).get("/api/service-rates/?year=2025&by=agency").json()
    assert [row["group"] for row in mine["rows"]] == [world.own.name]
    assert mine["totals"]["requested"] == reports.totals(coordinator, 2025)["requested"] == 6
    assert mine["totals"]["filled"] == reports.totals(coordinator, 2025)["filled"]

    bad = api.get("/api/service-rates/?by=colour")
    assert bad.status_code == 400 and set(bad.json()) == {"by"}
    for year in ("last", "1999"):
        bad = api.get(f"/api/service-rates/?year={year}")
        assert bad.status_code == 400 and set(bad.json()) == {"year"}
    assert _client(world.user(Role.REGISTRAR)).get("/api/service-rates/").status_code == 403
