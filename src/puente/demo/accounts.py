"""Demo logins: one per role, each tied to an agency that has data to show."""
from django.contrib.auth.hashers import make_password

from puente.accounts.models import RoleAssignment, User
from puente.accounts.roles import Role

DEMO_PASSWORD = "puente-demo"


def _person_for(role, officer_person, ctx):
    """The officer login is an officer; the registrar login teaches the demo's sessions."""
    if role == Role.OFFICER:
        return officer_person
    instructor = ctx.data.get("demo_instructor")
    if role == Role.REGISTRAR and instructor is not None:
        return instructor.person
    return None


def build(ctx):
    agencies = ctx.data["demo_agencies"]  # chosen by the registry part
    password = make_password(DEMO_PASSWORD)
    officer_person = ctx.data["demo_officer"]
    plan = [
        ("admin", "Ada", "Admin", None, None, True),
        ("pm", "Patricia", "Moreno", Role.PROGRAM_MANAGER, None, False),
        ("coordinator", "Carlos", "Ibarra", Role.AGENCY_COORDINATOR, agencies["coordinator"], False),
        ("registrar", "Rebeca", "Salinas", Role.REGISTRAR, agencies["registrar"], False),
        ("vetting", "Victor", "Ochoa", Role.VETTING_OFFICER, None, False),
        ("assessor", "Alicia", "Treviño", Role.ASSESSOR, None, False),
        ("officer", officer_person.given_names, officer_person.family_names, Role.OFFICER, officer_person.agency, False),
        ("auditor", "Andrew", "Dalton", Role.AUDITOR, None, False),
    ]
    logins = []
    for index, (username, first, last, role, agency, superuser) in enumerate(plan):
        user = User.objects.create(
            username=username, first_name=first, last_name=last, password=password,
            is_superuser=superuser, is_staff=superuser, email=f"{username}@demo.puente.example",
            person=_person_for(role, officer_person, ctx),
        )
        if role:
            RoleAssignment.objects.create(user=user, role=role, agency=agency)
        logins.append({
            "username": username, "password": DEMO_PASSWORD,
            "role": str(Role(role).label) if role else "superuser",
            "agency": agency.name if agency else "",
        })
        ctx.progress(100 * (index + 1) / len(plan), f"user {username}")
    ctx.data["logins"] = logins
    ctx.counts["users"] = len(plan)
