"""Users and the roles they hold."""
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from puente.core.querysets import RestrictedQuerySet

from .roles import Role


class PuenteUserManager(UserManager.from_queryset(RestrictedQuerySet)):
    pass


class User(AbstractUser):
    """A person who signs in; may be linked to their record in the registry."""

    language = models.CharField(
        _("preferred language"), max_length=8, blank=True,
        choices=[("en", _("English")), ("es", _("Spanish"))],
        help_text=_("Empty: follow the browser's language."),
    )
    person = models.OneToOneField(
        "registry.Person", verbose_name=_("person"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="account",
    )

    objects = PuenteUserManager()

    scope_agency_field = None
    scope_own_field = "pk"

    def get_absolute_url(self):
        return reverse("accounts:user_detail", args=[self.pk])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]


class RoleAssignment(models.Model):
    """A role held globally (no agency) or for one agency."""

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    agency = models.ForeignKey(
        "registry.Agency", verbose_name=_("agency"), null=True, blank=True,
        on_delete=models.CASCADE, related_name="role_assignments",
        help_text=_("Empty: the role is held for every agency."),
    )

    objects = RestrictedQuerySet.as_manager()

    scope_agency_field = "agency"
    scope_own_field = "user"

    class Meta:
        ordering = ["user__username", "role", "id"]
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "agency"], name="unique_role_per_agency"),
            models.UniqueConstraint(
                fields=["user", "role"], condition=models.Q(agency__isnull=True), name="unique_global_role"
            ),
        ]

    def __str__(self):
        where = self.agency.acronym or self.agency.name if self.agency_id else _("all agencies")
        return f"{self.user} · {self.get_role_display()} · {where}"
