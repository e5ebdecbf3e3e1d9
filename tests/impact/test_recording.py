"""Recording a unit's month in the UI and values over the API: same rules as the import."""
import datetime

from django.urls import reverse

from puente.core import audit
from puente.impact.models import Observation

from .fixtures import impact


def test_month_form_saves_all_measures_at_once(client, world, coordinator):
    unit = impact(world)["unit"]["own"]
    client.force_login(coordinator)
    url = reverse("impact:unit_month", args=[unit.pk, 2023, 1])
    assert 'value="4100"' in client.get(url).content.decode()
    response = client.post(url, {"inspections": "", "scanner_hours": 10, "scans": 250, "seizures_fentanyl": 3})
    assert response.status_code == 302
    stored = dict(Observation.objects.filter(unit=unit).values_list("measure__code", "value"))
    assert stored == {"scanner_hours": 10, "scans": 250, "seizures_fentanyl": 3}  # blank inspections removed
    assert audit.AuditEntry.objects.filter(action="impact.observation.delete").exists()


def test_month_form_refuses_implausible_months_whole(client, world, coordinator):
    unit = impact(world)["unit"]["own"]
    client.force_login(coordinator)
    url = reverse("impact:unit_month", args=[unit.pk, 2023, 1])
    response = client.post(url, {"inspections": 4100, "scanner_hours": 10, "scans": 301, "complaints": 1})
    assert response.status_code == 400
    assert "301 scans do not fit in 10 scanner hours" in response.content.decode()
    assert not Observation.objects.filter(unit=unit, measure__code__in=["scans", "complaints"]).exists()


def test_future_months_are_refused(client, world, coordinator):
    unit = impact(world)["unit"]["own"]
    client.force_login(coordinator)
    ahead = datetime.date.today().replace(day=1) + datetime.timedelta(days=40)
    response = client.post(reverse("impact:unit_month", args=[unit.pk, ahead.year, ahead.month]), {"inspections": 10})
    assert response.status_code == 400 and "is in the future" in response.content.decode()


def test_other_agencys_unit_month_is_not_found(client, world, coordinator):
    unit = impact(world)["unit"]["other"]
    client.force_login(coordinator)
    assert client.get(reverse("impact:unit_month", args=[unit.pk, 2023, 1])).status_code == 404


def test_api_post_is_an_upsert_by_unit_month_and_measure(client, world, coordinator):
    unit = impact(world)["unit"]["own"]
    client.force_login(coordinator)
    body = {"unit": unit.pk, "period": "2023-01-20", "measure": "inspections", "value": 4500}
    response = client.post("/api/operational-indicators/", body, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["period"] == "2023-01-01"
    assert Observation.objects.filter(unit=unit, measure__code="inspections").get().value == 4500


def test_api_refuses_negative_and_implausible_values(client, world, coordinator):
    unit = impact(world)["unit"]["own"]
    client.force_login(coordinator)
    negative = client.post("/api/operational-indicators/", {"unit": unit.pk, "period": "2023-01-01", "measure": "complaints", "value": -1},
                           content_type="application/json")
    assert negative.status_code == 400 and "negative" in negative.content.decode()
    client.post("/api/operational-indicators/", {"unit": unit.pk, "period": "2023-01-01", "measure": "scanner_hours", "value": 1},
                content_type="application/json")
    too_many = client.post("/api/operational-indicators/", {"unit": unit.pk, "period": "2023-01-01", "measure": "scans", "value": 31},
                           content_type="application/json")
    assert too_many.status_code == 400 and "at most 30" in too_many.content.decode()


def test_api_cannot_write_another_agencys_unit(client, world, coordinator):
    unit = impact(world)["unit"]["other"]
    client.force_login(coordinator)
    response = client.post("/api/operational-indicators/", {"unit": unit.pk, "period": "2023-01-01", "measure": "complaints", "value": 1},
                           content_type="application/json")
    assert response.status_code == 400
    assert not Observation.objects.filter(unit=unit, measure__code="complaints").exists()


def test_assignment_form_names_the_officer_by_identifier(client, world, coordinator):
    from puente.impact.models import Assignment
    from puente.registry.models import Person

    unit = impact(world)["unit"]["own"]
    newcomer = Person.objects.create(agency=world.own, given_names="Ana", family_names="Quiroz", national_id="QUAA900101MSRRNN09")
    client.force_login(coordinator)
    url = reverse("impact:assignment_add")
    # The other agency's officer is not an officer of this unit's agency.
    refused = client.post(url, {"national_id": "AZ-104233", "unit": unit.pk, "start_date": "2024-03-01"})
    assert refused.status_code == 400 and "No officer of" in refused.content.decode()
    done = client.post(url, {"national_id": newcomer.national_id, "unit": unit.pk, "start_date": "2024-03-01"})
    assert done.status_code == 302
    assert Assignment.objects.filter(person=newcomer, unit=unit).exists()
