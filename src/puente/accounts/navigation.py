"""The main menu: each entry shows only to users who may view its model.

Entries are grouped by area through their URL namespace (GROUPS), so an app adds its pages
to MENU and they land in the right group.
"""
from django.utils.translation import gettext_lazy as _

GROUPS = [
    (_("Demand and capacity"), ("catalog", "capacity")),
    (_("Training records"), ("records", "surveys", "xapi")),
    (_("Certification"), ("credentials", "vetting", "canine")),
    (_("Accreditation"), ("accreditation",)),
    (_("Metrics and impact"), ("metrics", "impact")),
    (_("Agencies and people"), ("registry",)),
    (_("Administration"), ("accounts", "core")),
]

MENU = [
    {"label": _("Agencies"), "url_name": "registry:agency_list", "model": "registry.Agency"},
    {"label": _("People"), "url_name": "registry:person_list", "model": "registry.Person"},
    {"label": _("Programs"), "url_name": "catalog:program_list", "model": "catalog.Program"},
    {"label": _("Sessions"), "url_name": "capacity:session_list", "model": "capacity.Session"},
    {"label": _("Requests"), "url_name": "capacity:request_list", "model": "capacity.TrainingRequest"},
    {"label": _("Allocation"), "url_name": "capacity:run_list", "model": "capacity.AllocationRun"},
    {"label": _("Seats allocated"), "url_name": "capacity:outcome_list", "model": "capacity.RunOutcome"},
    {"label": _("Nominations"), "url_name": "records:enrollment_list", "model": "records.Enrollment"},
    {"label": _("Rosters"), "url_name": "records:roster_list", "model": "records.Attendance", "action": "change"},
    {"label": _("Training records"), "url_name": "records:record_list", "model": "records.TrainingRecord"},
    {"label": _("My transcript"), "url_name": "records:my_transcript", "model": "records.TrainingRecord", "needs_person": True},
    {"label": _("Service rate"), "url_name": "capacity:service_report", "model": "capacity.RunOutcome"},
    {"label": _("Metrics"), "url_name": "metrics:dashboard", "model": "metrics.SavedView"},
    {"label": _("My surveys"), "url_name": "surveys:mine", "model": "surveys.SatisfactionSurvey"},
    {"label": _("Satisfaction"), "url_name": "surveys:results", "model": "surveys.SessionSurvey"},
    {"label": _("Training follow-up"), "url_name": "surveys:follow_up_list", "model": "surveys.FollowUpSurvey"},
    {"label": _("Operational units"), "url_name": "impact:unit_list", "model": "impact.Unit"},
    {"label": _("Training impact"), "url_name": "impact:impact", "model": "impact.Estimate"},
    {"label": _("Sites"), "url_name": "capacity:site_list", "model": "capacity.Site"},
    {"label": _("Jurisdictions"), "url_name": "registry:jurisdiction_list", "model": "registry.Jurisdiction"},
    {"label": _("Credentials"), "url_name": "credentials:credential_list", "model": "credentials.IssuedCredential"},
    {"label": _("Vetting"), "url_name": "vetting:check_list", "model": "vetting.VettingCheck"},
    {"label": _("Accreditation cycles"), "url_name": "accreditation:cycle_list", "model": "accreditation.Cycle"},
    {"label": _("Accreditation programs"), "url_name": "accreditation:program_list", "model": "accreditation.Program"},
    {"label": _("Standards frameworks"), "url_name": "accreditation:framework_list", "model": "accreditation.Framework"},
    {"label": _("Outcome surveys"), "url_name": "accreditation:survey_list", "model": "accreditation.OutcomeSurvey"},
    {"label": _("xAPI credentials"), "url_name": "xapi:credential_list", "model": "xapi.Credential"},
    {"label": _("Linked e-learning activities"), "url_name": "xapi:link_list", "model": "xapi.ActivityLink"},
    {"label": _("Unmatched e-learning"), "url_name": "xapi:unmatched_list", "model": "xapi.UnmatchedOutcome"},
    {"label": _("Canine teams"), "url_name": "canine:team_list", "model": "canine.Team"},
    {"label": _("Users"), "url_name": "accounts:user_list", "model": "accounts.RoleAssignment"},
    {"label": _("Jobs"), "url_name": "core:job_list", "model": "core.Job"},
    {"label": _("Audit log"), "url_name": "core:audit_list", "model": "core.AuditEntry"},
]
