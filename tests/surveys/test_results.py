"""Results: shares, response rates and means; small groups suppressed; names never shown; scoped."""
import csv
import datetime
import io

import pytest
from django.urls import reverse

from puente.accounts.roles import Role
from puente.capacity.models import Session
from puente.catalog.models import ThreatTag
from puente.surveys import results
from puente.surveys.models import SessionSurvey

from tests.capacity.fixtures import capacity, teach
from tests.surveys.fixtures import completed, responses


@pytest.fixture
def sessions(world):
    """Own session: 10 invited, 8 answered, 7 satisfied. Other session: 3 answered (too few to show)."""
    cap = capacity(world)
    responses(world, cap["session"]["own"], [5, 5, 4, 4, 4, 5, 4, 2], invited=10, comment="Buen curso, más práctica por favor.")
    responses(world, cap["session"]["other"], [1, 2, 5], comment="TOO-FEW-TO-SHOW")
    return cap["session"]


def by_label(report):
    return {row.label: row for row in report["rows"]}


def another_session(world, start=datetime.date(2025, 3, 3)):
    cap = capacity(world)
    return Session.objects.create(program=cap["program"], site=cap["site"]["own"], start_date=start,
                                  end_date=start + datetime.timedelta(days=4), seats=20, language="es")


def test_shares_rates_and_means_by_session(world, sessions):
    responses(world, another_session(world), [5] * 6)  # hidden with the other one, which it protects
    report = results.report(SessionSurvey.objects.all(), "session")
    own = by_label(report)[str(sessions["own"])]
    assert (own.invited, own.responses, own.satisfied) == (10, 8, 7)
    assert own.satisfied_share == 7 / 8 and own.response_rate == 8 / 10
    assert own.means["overall"] == 33 / 8 and own.means["relevance"] == 4
    other = by_label(report)[str(sessions["other"])]
    assert other.suppressed and other.responses is None and other.satisfied_share is None and other.invited == 3
    assert [row.suppressed for row in report["rows"]].count(True) == 2
    # The total includes every response: 17 answered of 19 invited, 14 satisfied.
    assert (report["total"].responses, report["total"].satisfied, report["total"].invited) == (17, 14, 19)
    assert report["comments"].count("Buen curso, más práctica por favor.") == 8 and "TOO-FEW-TO-SHOW" not in report["comments"]


def test_a_lone_small_group_next_to_a_total_takes_another_with_it(world, sessions):
    """With only one hidden session the total would give it away: the smallest shown one is hidden too."""
    report = results.report(SessionSurvey.objects.all(), "session")
    assert all(row.suppressed for row in report["rows"])
    assert not report["total"].suppressed
    assert report["comments"] == []


def test_comments_only_from_groups_shown_and_without_authors(world, sessions):
    # By program both sessions form one group of 11 responses: it shows, comments included.
    report = results.report(SessionSurvey.objects.all(), "program")
    assert len(report["rows"]) == 1 and not report["rows"][0].suppressed
    assert sorted(set(report["comments"])) == ["Buen curso, más práctica por favor.", "TOO-FEW-TO-SHOW"]


def test_results_page_shows_no_names_or_ids(world, sessions, client):
    client.force_login(world.user(Role.PROGRAM_MANAGER))
    page = client.get(reverse("surveys:results"), {"by": "program"}).content.decode()
    assert "87.5" not in page  # 7 of 8 would only show for the own session alone
    assert "72.7" in page  # 8 of 11 satisfied
    from puente.registry.models import Person

    for person in Person.objects.all():
        assert person.family_names not in page and person.national_id not in page
    assert "Buen curso" in page
    by_session = client.get(reverse("surveys:results"), {"by": "session"}).content.decode()
    assert "Buen curso" not in by_session and "hidden: fewer than 5 responses" in by_session


def test_a_session_nobody_answered_yet_shows_its_zero(world, sessions, client):
    quiet = another_session(world)
    responses(world, quiet, [], invited=4)
    client.force_login(world.user(Role.PROGRAM_MANAGER))
    page = client.get(reverse("surveys:results"), {"by": "session"})
    assert page.status_code == 200
    rows = {row.label: row for row in page.context["rows"]}
    assert (rows[str(quiet)].responses, rows[str(quiet)].response_rate, rows[str(quiet)].suppressed) == (0, 0.0, False)
    assert page.content.decode().count("<td>—</td>") == 6  # no share, no means
    assert str(quiet) not in page.context["share_chart"]["labels"]


def test_results_before_anyone_answered(world, client):
    responses(world, capacity(world)["session"]["own"], [], invited=3)
    client.force_login(world.user(Role.PROGRAM_MANAGER))
    page = client.get(reverse("surveys:results"))
    assert page.status_code == 200
    assert (page.context["total"].invited, page.context["total"].responses, page.context["question_chart"]) == (3, 0, None)


def test_filters_narrow_the_sessions(world, sessions, client):
    fentanyl = ThreatTag.objects.create(code="FENTANYL", name_en="Fentanyl", name_es="Fentanilo", weight=5)
    responses(world, another_session(world, datetime.date(2023, 3, 6)), [5] * 6)
    capacity(world)["program"].threats.add(fentanyl)
    client.force_login(world.user(Role.PROGRAM_MANAGER))
    by_year = client.get(reverse("api:sessionsurvey-list"), {"by": "fiscal_year"}).json()
    assert [(r["group"], r["responses"]) for r in by_year["results"]] == [("FY2023", 6), ("FY2025", 11)]
    only_2023 = client.get(reverse("api:sessionsurvey-list"), {"by": "program", "fiscal_year": 2023}).json()
    assert only_2023["total"]["responses"] == 6 and only_2023["total"]["satisfied_share"] == 1.0
    drugs = client.get(reverse("api:sessionsurvey-list"), {"by": "session", "threat": [fentanyl.pk]}).json()
    assert drugs["total"]["responses"] == 17  # every session of the program, each counted once


def test_api_with_a_group_nobody_answered_in(world, sessions, client):
    responses(world, another_session(world), [], invited=4)
    client.force_login(world.user(Role.PROGRAM_MANAGER))
    report = client.get(reverse("api:sessionsurvey-list"), {"by": "session"}).json()
    quiet = [r for r in report["results"] if r["responses"] == 0]
    assert len(quiet) == 1 and quiet[0]["means"] is None and quiet[0]["satisfied_share"] is None


def test_bad_breakdown_and_filters(world, sessions, client):
    client.force_login(world.user(Role.PROGRAM_MANAGER))
    bad = client.get(reverse("api:sessionsurvey-list"), {"by": "person"})
    assert bad.status_code == 400 and "by" in bad.json()
    assert client.get(reverse("api:sessionsurvey-list"), {"fiscal_year": "last"}).status_code == 400
    page = client.get(reverse("surveys:results"), {"by": "person", "program": "999999"})
    assert page.status_code == 200 and "Select a valid choice" in page.content.decode()


def test_exports(world, sessions, client):
    client.force_login(world.user(Role.AUDITOR))
    response = client.get(reverse("surveys:results"), {"by": "program", "export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:5] == ["Program", "Officers invited", "Responses", "Response rate", "Share satisfied"]
    assert rows[1][1:5] == ["13", "11", "0.8462", "0.7273"] and rows[2][0] == "Total"
    by_session = client.get(reverse("surveys:results"), {"by": "session", "export": "xlsx"})
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(by_session.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[1][2] is None and values[1][-1] == "yes"  # a hidden session exports no counts


@pytest.mark.parametrize("role, sees", [
    (Role.PROGRAM_MANAGER, {"own", "other"}), (Role.AUDITOR, {"own", "other"}),
    (Role.AGENCY_COORDINATOR, {"own"}), (Role.REGISTRAR, {"own"}),
])
def test_scoping(world, sessions, role, sees):
    user = world.user(role)
    world.me = user
    teach(world, sessions["own"])
    seen = {target for target, session in sessions.items() if results.visible(user).filter(session=session).exists()}
    assert seen == sees


def test_coordinators_see_sessions_their_officers_completed_not_merely_joined(world, sessions):
    """A nomination that never completed does not open the session's results to the agency."""
    from puente.records.models import Enrollment

    coordinator = world.user(Role.AGENCY_COORDINATOR)
    other = sessions["other"]
    enrollment = completed(world, other, agency=world.own)
    enrollment.status = Enrollment.Status.WITHDRAWN
    enrollment.save()
    assert not results.visible(coordinator).filter(session=other).exists()
    enrollment.status = Enrollment.Status.COMPLETED
    enrollment.save()
    assert results.visible(coordinator).filter(session=other).count() == 1


def test_officers_and_others_get_no_results(world, sessions, client):
    for role in (Role.OFFICER, Role.VETTING_OFFICER, Role.ASSESSOR):
        client.force_login(world.user(role, username=f"r-{role}"))
        assert client.get(reverse("surveys:results")).status_code == 403
        assert client.get(reverse("api:sessionsurvey-list")).status_code == 403
