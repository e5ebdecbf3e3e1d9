"""The catalog pages: bilingual titles, filters, the detail with its relations, the forms."""
import pytest

from puente.accounts.roles import Role
from puente.catalog.models import Program
from puente.core.models import AuditEntry


@pytest.fixture
def pm_client(client, pm):
    client.force_login(pm)
    return client


def rows(response) -> str:
    return response.content.decode().split("<tbody>")[1].split("</tbody>")[0]


def test_list_shows_titles_in_the_readers_language(pm_client, catalog):
    english = pm_client.get("/catalog/programs/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Advanced Investigations" in english and "Investigación avanzada" not in english
    spanish = pm_client.get("/catalog/programs/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Investigación avanzada" in spanish and "Advanced Investigations" not in spanish
    assert 'href="/catalog/programs/add/"' in english and 'href="/import/programs/"' in english


@pytest.mark.parametrize(("query", "shown", "hidden"), [
    ("?mission_critical=true", ["INV-ADV", "TAC-MED"], ["INV-BAS"]),
    ("?threat=FENTANYL", ["INV-ADV"], ["INV-BAS", "TAC-MED"]),
    ("?q=medicina", ["TAC-MED"], ["INV-ADV", "INV-BAS"]),
    ("?language=es&domain=INVESTIGATIONS", ["INV-ADV", "INV-BAS"], ["TAC-MED"]),
    ("?vetting_required=true&delivery_mode=in_person&status=active", ["INV-ADV"], ["INV-BAS", "TAC-MED"]),
])
def test_list_filters(pm_client, catalog, query, shown, hidden):
    table = rows(pm_client.get(f"/catalog/programs/{query}"))
    for code in shown:
        assert f">{code}<" in table, code
    for code in hidden:
        assert f">{code}<" not in table, code


def test_detail_shows_both_languages_relations_and_buttons(pm_client, catalog):
    page = pm_client.get(f"/catalog/programs/{catalog.advanced.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<h1>INV-ADV — Advanced Investigations</h1>" in page
    assert '<div lang="es">' in page and "Investigación avanzada" in page and "Casos complejos y transfronterizos." in page
    assert "Fentanyl and precursors" in page and ">5<" in page
    assert f'href="/catalog/programs/{catalog.basic.pk}/"' in page
    assert "16 to 24 participants" in page
    assert f'href="/catalog/programs/{catalog.advanced.pk}/edit/"' in page
    assert f'href="/catalog/programs/{catalog.advanced.pk}/retire/"' in page
    basic = pm_client.get(f"/catalog/programs/{catalog.basic.pk}/").content.decode()
    assert f'href="/catalog/programs/{catalog.advanced.pk}/"' in basic.split("Required by")[1], "required by"


def test_detail_in_spanish_shows_the_english_version(client, world, catalog):
    client.force_login(world.user(Role.OFFICER))
    page = client.get(f"/catalog/programs/{catalog.advanced.pk}/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "INV-ADV — Investigación avanzada" in page
    assert '<div lang="en">' in page and "Advanced Investigations" in page
    assert "/edit/" not in page and "/retire/" not in page, "officers see no write buttons"


def test_retired_program_offers_reactivate(pm_client, catalog):
    pm_client.post(f"/catalog/programs/{catalog.basic.pk}/retire/")
    assert Program.objects.get(pk=catalog.basic.pk).status == "retired"
    page = pm_client.get(f"/catalog/programs/{catalog.basic.pk}/").content.decode()
    assert f'href="/catalog/programs/{catalog.basic.pk}/reactivate/"' in page and "/retire/" not in page


def test_form_creates_a_program_with_relations_and_languages(pm_client, catalog):
    form = pm_client.get("/catalog/programs/add/").content.decode()
    assert '<fieldset class="field"' in form and "<legend>Languages offered" in form
    response = pm_client.post("/catalog/programs/add/", {
        "code": "INV-HT", "title_en": "Human Trafficking Investigations", "title_es": "Investigación de trata",
        "domain": catalog.investigations.pk, "threats": [catalog.fentanyl.pk], "delivery_mode": "in_person",
        "hours": "40", "ce_credits": "4", "prerequisites": [catalog.basic.pk, catalog.advanced.pk],
        "min_class_size": "12", "max_class_size": "24", "languages": ["en", "es"], "vetting_required": "on",
    })
    program = Program.objects.get(code="INV-HT")
    assert response.status_code == 302 and response["Location"] == f"/catalog/programs/{program.pk}/"
    assert set(program.prerequisites.values_list("code", flat=True)) == {"INV-BAS", "INV-ADV"}
    assert program.vetting_required and program.languages == ["en", "es"]
    assert AuditEntry.objects.get(action="catalog.program.create").changes["prerequisites"] == [None, ["INV-ADV", "INV-BAS"]]


def test_form_shows_a_cycle_on_the_prerequisites_field(pm_client, catalog):
    b = catalog.basic
    edit = pm_client.get(f"/catalog/programs/{b.pk}/edit/").content.decode()
    assert f'<option value="{b.pk}"' not in edit.split('id="id_prerequisites"')[1].split("</select>")[0], "not its own prerequisite"
    response = pm_client.post(f"/catalog/programs/{b.pk}/edit/", {
        "code": b.code, "title_en": b.title_en, "title_es": b.title_es, "domain": b.domain_id, "delivery_mode": b.delivery_mode,
        "hours": "120", "ce_credits": "0", "prerequisites": [catalog.advanced.pk], "min_class_size": "24",
        "max_class_size": "48", "languages": ["es"],
    })
    page = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_prerequisites_error"' in page and "INV-BAS → INV-ADV → INV-BAS" in page
    assert not Program.objects.get(pk=b.pk).prerequisites.exists()


def test_form_requires_a_language(pm_client, catalog):
    response = pm_client.post("/catalog/programs/add/", {"code": "X", "title_en": "X", "title_es": "X",
                                                         "domain": catalog.tactical.pk, "hours": "4", "delivery_mode": "in_person",
                                                         "ce_credits": "0", "min_class_size": "1", "max_class_size": "2"})
    assert response.status_code == 400 and 'id="id_languages_error"' in response.content.decode()


def test_domain_and_threat_pages(pm_client, catalog):
    domains = pm_client.get("/catalog/domains/").content.decode()
    assert ">INVESTIGATIONS<" in domains and 'href="/catalog/domains/add/"' in domains
    assert 'aria-current="page">Domains<' in domains
    threats = rows(pm_client.get("/catalog/threats/"))
    assert threats.index("FENTANYL") < threats.index("FIREARMS") < threats.index("WILDLIFE"), "heaviest first"
    detail = pm_client.get(f"/catalog/threats/{catalog.fentanyl.pk}/").content.decode()
    assert "Seat allocation ranks programs" in detail and "INV-ADV" in detail
    form = pm_client.get(f"/catalog/threats/{catalog.fentanyl.pk}/edit/").content.decode()
    assert 'id="id_weight_helptext"' in form and "Seat allocation ranks programs" in form
    response = pm_client.post(f"/catalog/threats/{catalog.wildlife.pk}/edit/", {
        "code": "WILDLIFE", "name_en": "Wildlife trafficking (CITES)", "name_es": "Tráfico de vida silvestre (CITES)", "weight": "2.5",
    })
    assert response.status_code == 302 and response["Location"] == f"/catalog/threats/{catalog.wildlife.pk}/"
    assert AuditEntry.objects.get(action="catalog.threattag.update").changes["weight"] == ["2.00", "2.50"]
    domain = pm_client.get(f"/catalog/domains/{catalog.investigations.pk}/").content.decode()
    assert "INV-BAS" in domain and "INV-ADV" in domain and "TAC-MED" not in domain
