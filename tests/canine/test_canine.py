"""Canine teams: one active team per dog, certifications with expiry, the training log's two
approvals in order by two different people, imports and exports."""
import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from puente.accounts.roles import Role
from puente.canine import actions
from puente.canine.imports import TrainingLogImporter
from puente.canine.models import EXPIRING_DAYS, Dog, OdorCertification, Team, TrainingEntry, add_months
from puente.core.imports import run_import
from puente.core.models import AuditEntry

from .fixtures import canine, odor

TODAY = timezone.localdate()


@pytest.fixture
def k9(world):
    return canine(world)


@pytest.fixture
def trainer(world):
    return world.user(Role.REGISTRAR)


def test_a_dog_works_in_one_active_team(world, k9, coordinator):
    other_handler = world.person("own").__class__.objects.create(agency=world.own, given_names="Ana", family_names="Ruiz", national_id="RUAA900101MSRZNA01")
    with pytest.raises(ValidationError) as error:
        actions.form_team(coordinator, dog=k9["dog"]["own"], handler=other_handler, formed_on=datetime.date(2024, 1, 1))
    assert "already works in an active team" in str(error.value)
    actions.end_team(coordinator, k9["team"]["own"])
    team = actions.form_team(coordinator, dog=k9["dog"]["own"], handler=other_handler, formed_on=datetime.date(2024, 1, 1))
    assert k9["dog"]["own"].active_team == team
    assert AuditEntry.objects.filter(action="canine.team.end").count() == 1


def test_team_rules(world, k9, coordinator, pm):
    dog = actions.create_dog(coordinator, code="K9-NEW", name="Luna", breed="Labrador", agency=world.own, status="active")
    with pytest.raises(ValidationError) as error:  # the handler serves elsewhere
        actions.form_team(pm, dog=dog, handler=world.other_person, formed_on=datetime.date(2024, 1, 1))
    assert "handler" in error.value.message_dict
    with pytest.raises(PermissionDenied):  # another agency's dog
        actions.create_dog(coordinator, code="K9-AZ", name="Max", breed="Labrador", agency=world.other, status="active")
    assert not Dog.objects.filter(code="K9-AZ").exists()
    with pytest.raises(ValidationError):
        actions.create_dog(coordinator, code="K9-FUTURE", name="Max", breed="Lab", agency=world.own,
                           birth_date=TODAY + datetime.timedelta(days=3))


def test_retiring_a_dog_ends_its_team(k9, coordinator):
    actions.update_dog(coordinator, k9["dog"]["own"], status=Dog.Status.RETIRED)
    assert Team.objects.get(pk=k9["team"]["own"].pk).ended_on == TODAY
    with pytest.raises(ValidationError):  # an ended team is not certified
        actions.certify(coordinator, team=Team.objects.get(pk=k9["team"]["own"].pk), odor=odor(), certified_on=TODAY)


def test_certification_expiry_and_states(k9, coordinator):
    xylazine = odor("XYLAZINE")
    xylazine.validity_months = 12
    xylazine.save()
    started = datetime.date(2024, 2, 29)
    certification = actions.certify(coordinator, team=k9["team"]["own"], odor=xylazine, certified_on=started)
    assert certification.expires_on == datetime.date(2025, 2, 28)  # the odor's validity, month-end safe
    assert add_months(datetime.date(2024, 1, 31), 1) == datetime.date(2024, 2, 29)
    c = OdorCertification(certified_on=TODAY - datetime.timedelta(days=300), expires_on=TODAY + datetime.timedelta(days=EXPIRING_DAYS - 1))
    assert c.state() == "expiring"
    c.expires_on = TODAY - datetime.timedelta(days=1)
    assert c.state() == "expired"
    c.expires_on = TODAY + datetime.timedelta(days=EXPIRING_DAYS + 1)
    assert c.state() == "current"
    with pytest.raises(ValidationError) as error:
        actions.certify(coordinator, team=k9["team"]["own"], odor=xylazine, certified_on=datetime.date(2024, 5, 1),
                        expires_on=datetime.date(2024, 4, 1))
    assert "expires_on" in error.value.message_dict
    retired = odor("RETIRED-ODOR")
    retired.is_active = False
    retired.save()
    with pytest.raises(ValidationError):
        actions.certify(coordinator, team=k9["team"]["own"], odor=retired, certified_on=datetime.date(2024, 5, 1))


def test_state_filter(client, k9, pm):
    team = k9["team"]["own"]
    OdorCertification.objects.create(team=team, odor=odor("KETAMINE"), certified_on=TODAY - datetime.timedelta(days=400),
                                     expires_on=TODAY - datetime.timedelta(days=35))
    OdorCertification.objects.create(team=team, odor=odor("XYLAZINE"), certified_on=TODAY - datetime.timedelta(days=330),
                                     expires_on=TODAY + datetime.timedelta(days=20))
    client.force_login(pm)

    def rows(query):
        return client.get(f"/canine/certifications/?{query}").content.decode().split("<tbody>")[1]

    expired, expiring = rows("state=expired"), rows("state=expiring")
    assert "Ketamine" in expired and "Xylazine" not in expired
    assert "Xylazine" in expiring and "Ketamine" not in expiring and "Expiring" in expiring


def test_two_approvals_in_order_by_two_people(world, k9, trainer, coordinator, pm):
    entry = k9["entry"]["own"]
    with pytest.raises(ValidationError) as error:  # the supervisor cannot go first
        actions.approve_as_supervisor(coordinator, entry)
    assert "trainer must approve" in str(error.value)
    with pytest.raises(PermissionDenied):  # a coordinator is not a trainer
        actions.approve_as_trainer(coordinator, entry)
    entry = actions.approve_as_trainer(pm, entry)
    assert entry.stage == TrainingEntry.Stage.PENDING_SUPERVISOR
    with pytest.raises(ValidationError) as error:  # the same person cannot approve twice
        actions.approve_as_supervisor(pm, entry)
    assert "cannot also approve it as supervisor" in str(error.value)
    with pytest.raises(ValidationError):
        actions.approve_as_trainer(trainer, entry)
    entry = actions.approve_as_supervisor(coordinator, entry)
    assert entry.stage == TrainingEntry.Stage.APPROVED
    assert list(AuditEntry.objects.filter(object_id=str(entry.pk), action__startswith="canine.trainingentry.approve")
                .order_by("id").values_list("action", "actor_name")) == [
        ("canine.trainingentry.approve_trainer", pm.username),
        ("canine.trainingentry.approve_supervisor", coordinator.username),
    ]
    with pytest.raises(ValidationError):  # approved entries are final
        actions.update_training(pm, entry, notes="changed")


def test_trainers_and_supervisors_stay_in_their_agency(world, k9, trainer, coordinator):
    with pytest.raises(PermissionDenied):
        actions.approve_as_trainer(trainer, k9["entry"]["other"])
    other_trainer = world.user(Role.REGISTRAR, agency=world.other, username="az-trainer")
    actions.approve_as_trainer(other_trainer, k9["entry"]["other"])
    with pytest.raises(PermissionDenied):
        actions.approve_as_supervisor(coordinator, k9["entry"]["other"])


def test_a_handler_logs_but_never_approves_their_own_training(world, k9):
    officer = world.user(Role.OFFICER)
    entry = actions.log_training(officer, team=k9["team"]["own"], date=TODAY, exercise="luggage", odor=odor("XYLAZINE"), result="pass")
    assert entry.recorded_by == officer and entry.stage == TrainingEntry.Stage.PENDING_TRAINER
    with pytest.raises(PermissionDenied):  # not their team
        actions.log_training(officer, team=k9["team"]["other"], date=TODAY, exercise="luggage", odor=odor(), result="pass")
    with pytest.raises(ValidationError) as error:
        actions.log_training(officer, team=k9["team"]["own"], date=TODAY + datetime.timedelta(days=1), exercise="cargo", result="pass")
    assert set(error.value.message_dict) == {"date", "odor"}
    # A handler who is also a trainer may not approve their own team's training.
    from puente.accounts.models import RoleAssignment
    from puente.accounts.scoping import forget_assignments

    RoleAssignment.objects.create(user=officer, role=Role.REGISTRAR, agency=world.own)
    forget_assignments(officer)
    with pytest.raises(ValidationError) as error:
        actions.approve_as_trainer(officer, entry)
    assert "own team" in str(error.value)


def test_approval_pages(client, world, k9, trainer, coordinator):
    entry = k9["entry"]["own"]
    client.force_login(trainer)
    page = client.get(entry.get_absolute_url()).content.decode()
    assert "Approve as trainer" in page and "Approve as supervisor" not in page
    assert client.post(f"/canine/training/{entry.pk}/approve/trainer/").status_code == 302
    client.force_login(coordinator)
    page = client.get(entry.get_absolute_url()).content.decode()
    assert "Approve as supervisor" in page and "Approve as trainer" not in page
    client.post(f"/canine/training/{entry.pk}/approve/supervisor/")
    entry.refresh_from_db()
    assert (entry.trainer_approved_by, entry.supervisor_approved_by) == (trainer, coordinator)


def test_api_approvals(client, world, k9, trainer, coordinator):
    entry = k9["entry"]["own"]
    client.force_login(coordinator)
    early = client.post(f"/api/canine-training/{entry.pk}/approve-supervisor/")
    assert early.status_code == 400 and "trainer" in early.content.decode()
    client.force_login(trainer)
    assert client.post(f"/api/canine-training/{entry.pk}/approve-trainer/").json()["stage"] == "pending_supervisor"
    client.force_login(coordinator)
    assert client.post(f"/api/canine-training/{entry.pk}/approve-supervisor/").json()["stage"] == "approved"


def _csv(tmp_path, text, name="log.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_training_log_import(world, k9, coordinator, tmp_path):
    path = _csv(tmp_path, (
        "dog,handler,date,exercise,odor,result,minutes,notes\n"
        f"K9-OWN,{world.own_person.national_id},2024-06-03,cargo,FENTANYL,pass,30,Aduana\n"
        "k9-own,,2024-06-04,Vehicle search,xylazine,needs work,,\n"
        "K9-OWN,,2024-06-05,obedience,,pass,15,\n"
    ))
    odor("XYLAZINE")
    report = run_import(TrainingLogImporter(coordinator), path, path.name)
    assert (report.created, report.errors) == (3, [])
    spanish = TrainingEntry.objects.get(date="2024-06-04")
    assert (spanish.exercise, spanish.result, spanish.odor.code, spanish.recorded_by) == ("vehicle", "needs_work", "XYLAZINE", coordinator)
    again = run_import(TrainingLogImporter(coordinator), path, path.name)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert AuditEntry.objects.filter(action="canine.trainingentry.create").count() == 3


def test_bad_training_rows_are_named_and_nothing_is_written(world, k9, coordinator, tmp_path):
    before = TrainingEntry.objects.count()
    path = _csv(tmp_path, (
        "dog,handler,date,exercise,odor,result,minutes\n"
        "K9-OTHER,,2024-06-03,cargo,FENTANYL,pass,30\n"  # another agency's dog
        "K9-OWN,,2022-06-03,cargo,FENTANYL,pass,30\n"  # before the team was formed
        "K9-OWN,,2024-06-03,swimming,FENTANYL,pass,30\n"
        "K9-OWN,,2024-06-03,cargo,NOPE,pass,30\n"
        "K9-OWN,,2024-06-03,cargo,,pass,30\n"
        "K9-OWN,AZ-104233,2024-06-03,cargo,FENTANYL,pass,30\n"
        "K9-OWN,,2024-06-03,cargo,FENTANYL,pass,half\n"
        f"K9-OWN,,{TODAY + datetime.timedelta(days=2)},cargo,FENTANYL,pass,30\n"
        "K9-OWN,,2024-06-09,cargo,FENTANYL,pass,30\n"
    ))
    report = run_import(TrainingLogImporter(coordinator), path, path.name)
    assert [(e.row, e.column) for e in report.errors] == [
        (2, "dog"), (3, "date"), (4, "exercise"), (5, "odor"), (6, "odor"), (7, "handler"), (8, "minutes"), (9, "date")]
    assert not report.written and TrainingEntry.objects.count() == before
    kept = run_import(TrainingLogImporter(coordinator), path, path.name, keep_good=True)
    assert kept.kept_rows == [10] and TrainingEntry.objects.count() == before + 1


def test_an_approved_entry_is_not_changed_by_an_import(world, k9, coordinator, pm, tmp_path):
    entry = k9["entry"]["own"]
    actions.approve_as_trainer(pm, entry)
    path = _csv(tmp_path, "dog,date,exercise,odor,result\nK9-OWN,2024-05-02,vehicle,FENTANYL,fail\n")
    report = run_import(TrainingLogImporter(coordinator), path, path.name)
    assert [(e.row, e.column) for e in report.errors] == [(2, "result")]
    assert TrainingEntry.objects.get(pk=entry.pk).result == "pass"


def test_exports_reimport(client, world, k9, coordinator, tmp_path):
    client.force_login(coordinator)
    response = client.get("/canine/training/?export=csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "K9-OWN" in text and "K9-OTHER" not in text
    path = _csv(tmp_path, text, "export.csv")
    report = run_import(TrainingLogImporter(coordinator), path, path.name)
    assert (report.errors, report.unchanged) == ([], 1)
    dogs = client.get("/canine/dogs/?export=xlsx")
    assert dogs.status_code == 200 and dogs["Content-Type"].startswith("application/vnd.openxml")
    teams = b"".join(client.get("/canine/?export=csv").streaming_content).decode("utf-8-sig")
    assert world.own_person.national_id in teams and world.other_person.national_id not in teams
    certifications = b"".join(client.get("/canine/certifications/?export=csv").streaming_content).decode("utf-8-sig")
    assert "EVAL-own" in certifications and "EVAL-other" not in certifications


def test_a_new_odor_is_data(client, pm):
    client.force_login(pm)
    response = client.post("/canine/odors/add/", {"code": "NITAZENES", "name_en": "Nitazenes", "name_es": "Nitacenos",
                                                  "validity_months": "12", "is_active": "on"})
    assert response.status_code == 302
    client.post("/accounts/language/", {"language": "es"})
    assert "Nitacenos" in client.get("/canine/odors/").content.decode()
