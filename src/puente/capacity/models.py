"""Where and when training happens (sites, rooms, instructors, sessions) and what agencies ask for."""
import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from puente.core.querysets import RestrictedManager

CODE_VALIDATOR = RegexValidator(r"^[A-Z0-9][A-Z0-9-]*$", _("Use capital letters, digits and hyphens."))
LANGUAGE_CHOICES = [("en", _("English")), ("es", _("Spanish"))]


def fiscal_year_of(day: datetime.date) -> int:
    """The U.S. federal fiscal year a date falls in (FY2024 = October 2023 to September 2024)."""
    return day.year + 1 if day.month >= 10 else day.year


class Site(models.Model):
    class Kind(models.TextChoices):
        CAMPUS = "campus", _("Academy campus")
        EXPORT = "export", _("Export-training location")

    code = models.CharField(_("code"), max_length=30, unique=True, validators=[CODE_VALIDATOR])
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.CAMPUS)
    agency = models.ForeignKey(
        "registry.Agency", verbose_name=_("host agency"), null=True, blank=True, on_delete=models.PROTECT, related_name="sites"
    )
    country = models.ForeignKey("registry.Country", verbose_name=_("country"), on_delete=models.PROTECT, related_name="+")
    jurisdiction = models.ForeignKey(
        "registry.Jurisdiction", verbose_name=_("jurisdiction"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects = RestrictedManager()
    scope_agency_field = "agency"
    scope_own_field = None

    class Meta:
        ordering = ["code"]
        verbose_name = _("site")
        verbose_name_plural = _("sites")

    def __str__(self):
        return f"{self.code} — {self.name}"

    def get_absolute_url(self):
        return reverse("capacity:site_detail", args=[self.pk])


class Room(models.Model):
    class Kind(models.TextChoices):
        CLASSROOM = "classroom", _("Classroom")
        RANGE = "range", _("Firing range")
        DRIVING = "driving", _("Driving track")
        MAT_ROOM = "mat_room", _("Mat room")
        LAB = "lab", _("Laboratory")
        SIMULATOR = "simulator", _("Simulator")
        KENNEL = "kennel", _("Kennel and odor-training area")

    site = models.ForeignKey(Site, verbose_name=_("site"), on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.CLASSROOM)
    capacity = models.PositiveIntegerField(_("capacity"), validators=[MinValueValidator(1)])

    objects = RestrictedManager()
    scope_agency_field = "site__agency"
    scope_own_field = None

    class Meta:
        ordering = ["site", "name"]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        constraints = [models.UniqueConstraint(fields=["site", "name"], name="unique_room_per_site")]

    def __str__(self):
        return f"{self.site.code} · {self.name} ({self.capacity})"


class Instructor(models.Model):
    person = models.OneToOneField("registry.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="instructor")
    programs = models.ManyToManyField("catalog.Program", verbose_name=_("qualified programs"), blank=True, related_name="instructors")
    home_site = models.ForeignKey(Site, verbose_name=_("home site"), null=True, blank=True, on_delete=models.SET_NULL, related_name="instructors")
    days_per_year = models.PositiveIntegerField(_("teaching days per year"), default=160, validators=[MaxValueValidator(366)])
    is_active = models.BooleanField(_("active"), default=True)

    objects = RestrictedManager()
    scope_agency_field = "person__agency"
    scope_own_field = "person__account"

    class Meta:
        ordering = ["person__family_names", "person__given_names"]
        verbose_name = _("instructor")
        verbose_name_plural = _("instructors")

    def __str__(self):
        return str(self.person)

    def get_absolute_url(self):
        return reverse("capacity:instructor_detail", args=[self.pk])


class InstructorAbsence(models.Model):
    """A period an instructor cannot teach (leave, deployment, another assignment)."""

    instructor = models.ForeignKey(Instructor, verbose_name=_("instructor"), on_delete=models.CASCADE, related_name="absences")
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    objects = RestrictedManager()
    scope_agency_field = "instructor__person__agency"
    scope_own_field = "instructor__person__account"

    class Meta:
        ordering = ["start_date"]
        verbose_name = _("instructor absence")
        verbose_name_plural = _("instructor absences")

    def __str__(self):
        return f"{self.instructor} · {self.start_date:%Y-%m-%d} – {self.end_date:%Y-%m-%d}"

    def get_absolute_url(self):
        return self.instructor.get_absolute_url()

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The absence ends before it starts.")})


class Session(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        OPEN = "open", _("Open for nominations")
        CLOSED = "closed", _("Closed")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    program = models.ForeignKey("catalog.Program", verbose_name=_("program"), on_delete=models.PROTECT, related_name="sessions")
    site = models.ForeignKey(Site, verbose_name=_("site"), on_delete=models.PROTECT, related_name="sessions")
    room = models.ForeignKey(Room, verbose_name=_("room"), null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions")
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    seats = models.PositiveIntegerField(_("seats"), validators=[MinValueValidator(1)])
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES, default="en")
    instructors = models.ManyToManyField(Instructor, verbose_name=_("instructors"), blank=True, related_name="sessions")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED, db_index=True)
    fiscal_year = models.PositiveIntegerField(_("fiscal year"), editable=False, db_index=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = RestrictedManager()
    scope_agency_field = "site__agency"
    scope_own_field = "instructors__person__account"

    class Meta:
        ordering = ["start_date", "program__code", "id"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        indexes = [models.Index(fields=["program", "start_date"])]

    def __str__(self):
        return f"{self.program.code} · {self.site.code} · {self.start_date:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("capacity:session_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The session ends before it starts.")
        if self.room_id and self.site_id and self.room.site_id != self.site_id:
            errors["room"] = _("The room is at another site.")
        if self.room_id and self.seats and self.seats > self.room.capacity:
            errors["seats"] = _("The room holds %(capacity)s; this session has %(seats)s seats.") % {
                "capacity": self.room.capacity, "seats": self.seats}
        if self.program_id:
            program = self.program
            if self._state.adding and program.status != program.Status.ACTIVE:
                errors["program"] = _("Program %(code)s is retired.") % {"code": program.code}
            if self.seats and self.seats > program.max_class_size:
                errors["seats"] = _("Program %(code)s takes at most %(max)s per class.") % {"code": program.code, "max": program.max_class_size}
            if self.language and self.language not in program.languages:
                errors["language"] = _("Program %(code)s is not offered in this language.") % {"code": program.code}
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.fiscal_year = fiscal_year_of(self.start_date)
        super().save(*args, **kwargs)

    def clean_fields(self, exclude=None):
        if self.start_date:
            self.fiscal_year = fiscal_year_of(self.start_date)
        super().clean_fields(exclude=exclude)


class RequestWindow(models.Model):
    """The period in which agencies ask for seats for one fiscal year."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    fiscal_year = models.PositiveIntegerField(_("fiscal year"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.OPEN)

    objects = RestrictedManager()
    scope_agency_field = None
    scope_own_field = None

    class Meta:
        ordering = ["-fiscal_year"]
        verbose_name = _("request window")
        verbose_name_plural = _("request windows")

    def __str__(self):
        return _("FY%(year)s requests") % {"year": self.fiscal_year}

    def get_absolute_url(self):
        return reverse("capacity:window_detail", args=[self.pk])

    def clean(self):
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("The window closes before it opens.")})

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class TrainingRequest(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    window = models.ForeignKey(RequestWindow, verbose_name=_("request window"), on_delete=models.PROTECT, related_name="requests")
    agency = models.ForeignKey("registry.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="training_requests")
    program = models.ForeignKey("catalog.Program", verbose_name=_("program"), on_delete=models.PROTECT, related_name="requests")
    seats = models.PositiveIntegerField(_("seats"), validators=[MinValueValidator(1)])
    preferred_months = models.JSONField(_("preferred months"), default=list, blank=True, help_text=_("Empty: any month."))
    preferred_sites = models.ManyToManyField(Site, verbose_name=_("preferred sites"), blank=True, related_name="+", help_text=_("Empty: any site."))
    justification = models.TextField(_("justification"), blank=True)
    priority = models.SmallIntegerField(
        _("priority"), default=0, validators=[MinValueValidator(-5), MaxValueValidator(5)],
        help_text=_("Set by program managers: above 0 raises the request's weight, below 0 lowers it."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED, db_index=True)
    submitted_at = models.DateTimeField(_("submitted"), db_index=True)
    submitted_by = models.ForeignKey(
        "accounts.User", verbose_name=_("submitted by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = RestrictedManager()
    scope_agency_field = "agency"
    scope_own_field = None

    class Meta:
        ordering = ["submitted_at", "id"]
        verbose_name = _("training request")
        verbose_name_plural = _("training requests")
        indexes = [models.Index(fields=["window", "program"])]

    def __str__(self):
        return _("%(agency)s asks %(seats)s seats of %(program)s") % {
            "agency": self.agency.acronym or self.agency.name, "seats": self.seats, "program": self.program.code}

    def get_absolute_url(self):
        return reverse("capacity:request_detail", args=[self.pk])

    def clean(self):
        errors = {}
        months = self.preferred_months
        if not isinstance(months, list) or any(not isinstance(m, int) or not 1 <= m <= 12 for m in months):
            errors["preferred_months"] = _("Months are numbers from 1 to 12.")
        if self.program_id and self._state.adding and self.program.status != self.program.Status.ACTIVE:
            errors["program"] = _("Program %(code)s is retired.") % {"code": self.program.code}
        if errors:
            raise ValidationError(errors)


class AllocationRun(models.Model):
    """One solve of a fiscal year's requests against its sessions, with the rules it used."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")
        PUBLISHED = "published", _("Published")

    fiscal_year = models.PositiveIntegerField(_("fiscal year"), db_index=True)
    rules = models.JSONField(_("rules"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True)
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    plan = models.JSONField(_("capacity plan"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    job = models.ForeignKey("core.Job", verbose_name=_("job"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey("accounts.User", verbose_name=_("created by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey("accounts.User", verbose_name=_("published by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = RestrictedManager()
    scope_agency_field = None
    scope_own_field = None

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("allocation run")
        verbose_name_plural = _("allocation runs")

    def __str__(self):
        return _("FY%(year)s allocation run #%(id)s") % {"year": self.fiscal_year, "id": self.pk}

    def get_absolute_url(self):
        return reverse("capacity:run_detail", args=[self.pk])


class RunOutcome(models.Model):
    """What one request got in a run, what first come would have given it, and why not more."""

    run = models.ForeignKey(AllocationRun, verbose_name=_("allocation run"), on_delete=models.CASCADE, related_name="outcomes")
    request = models.ForeignKey(TrainingRequest, verbose_name=_("training request"), on_delete=models.CASCADE, related_name="outcomes")
    seats_requested = models.PositiveIntegerField(_("seats requested"))
    seats_allocated = models.PositiveIntegerField(_("seats allocated"))
    first_come_seats = models.PositiveIntegerField(_("seats by first come"))
    weight = models.FloatField(_("weight"))
    reason_code = models.CharField(_("reason"), max_length=20, blank=True)
    reason_params = models.JSONField(_("reason details"), default=dict, blank=True)
    allocation = models.JSONField(_("seats by session"), default=dict, blank=True)

    objects = RestrictedManager()
    scope_agency_field = "request__agency"
    scope_own_field = None
    # Coordinators see outcomes only once a program manager has published the run.
    scope_condition = models.Q(run__status="published")

    class Meta:
        ordering = ["run", "request__agency__name", "request__program__code", "id"]
        verbose_name = _("allocation outcome")
        verbose_name_plural = _("allocation outcomes")
        constraints = [models.UniqueConstraint(fields=["run", "request"], name="one_outcome_per_request")]

    def __str__(self):
        return f"{self.request} → {self.seats_allocated}"

    def get_absolute_url(self):
        return reverse("capacity:request_detail", args=[self.request_id])

    @property
    def reason_text(self) -> str:
        """The reason in the reader's language, naming an agency that got a seat where it helps."""
        from puente.registry.models import Agency

        from .reasons import EXAMPLE, REASONS

        text = str(REASONS.get(self.reason_code, self.reason_code))
        example = self.reason_params.get("example_agency")
        if example and self.reason_code in ("lower_priority", "program_full"):
            name = Agency.objects.filter(pk=example).values_list("name", flat=True).first()
            if name:
                text += " " + str(EXAMPLE) % {"agency": name}
        return text
