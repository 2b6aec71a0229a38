"""People who use easeoff, the clinics they work in, what they share and who looked.

A person in withdrawal (role patient) owns their data. A clinician sees it only while an
accepted, unrevoked Grant from that person exists (easeoff.services.access decides, on every
request). Clinicians and clinic admins belong to a Clinic. Every read or change of a
person's data by someone else is an AuditEvent.
"""

from datetime import datetime

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Role(models.TextChoices):
    PATIENT = "patient", "Person tracking their withdrawal"
    CLINICIAN = "clinician", "Clinician"
    ADMIN = "admin", "Clinic admin"


class Clinic(models.Model):
    """An organisation whose clinicians look after people; its admins manage its accounts."""

    name = models.CharField(max_length=200, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """An account. The role decides which pages a user can reach."""

    role = models.CharField(max_length=16, choices=Role.choices, default=Role.PATIENT)
    # The person's IANA zone: their calendar days ("taken_on", "day N") are counted in it.
    time_zone = models.CharField(max_length=64, default="UTC")
    display_name = models.CharField(
        max_length=100, blank=True, help_text="How easeoff and your clinician address you."
    )
    # Clinicians and clinic admins work for a clinic; a person in withdrawal belongs to none.
    clinic = models.ForeignKey(
        Clinic, null=True, blank=True, on_delete=models.PROTECT, related_name="members"
    )

    @property
    def is_patient(self) -> bool:
        return self.role == Role.PATIENT

    @property
    def is_clinician(self) -> bool:
        return self.role == Role.CLINICIAN

    @property
    def is_clinic_admin(self) -> bool:
        """A clinic admin manages their own clinic's accounts and audit log in the Django admin."""
        return self.role == Role.ADMIN and self.clinic_id is not None and not self.is_superuser

    @property
    def shown_name(self) -> str:
        """The display name if one was given, else the username."""
        return self.display_name or self.username

    def get_short_name(self) -> str:
        return self.shown_name


class ApiToken(models.Model):
    """A bearer token for the JSON API. Only a SHA-256 hash of the secret is stored.

    The secret is shown once, when the token is made; `prefix` (its first characters)
    lets a person tell tokens apart. Deleting the row revokes the token at once.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class Goal(models.TextChoices):
    DETOX = "detox", "Detox: stop all opioids"
    TAPER = "taper", "Taper: come down gradually"
    MAINTENANCE = "maintenance", "Maintenance with a clinician (e.g. buprenorphine or methadone)"


class Profile(models.Model):
    """What a person told easeoff about themself; every field is optional.

    `country` is ISO 3166-1 alpha-2 ("TH"), `region` ISO 3166-2 ("US-AL"), for the legality
    lookup and crisis lines. `withdrawing_from` holds substance codes from the catalogue
    (easeoff.domain.substances), read by the safety rules. `last_used_at` is an instant in UTC.
    None in a yes/no field means not answered. Research use needs an explicit opt-in:
    `research_consent` is off until the person turns it on, and `research_consent_at` says when.
    """

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    country = models.CharField(max_length=2, blank=True)
    region = models.CharField(max_length=6, blank=True)
    withdrawing_from = models.JSONField(default=list, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    uses_kratom = models.BooleanField(null=True, blank=True)
    pregnant = models.BooleanField(null=True, blank=True)
    goal = models.CharField(max_length=16, choices=Goal.choices, blank=True)
    research_consent = models.BooleanField(default=False)
    research_consent_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"profile of {self.user_id}"


class Invitation(models.Model):
    """A one-time code a person gives a clinician to share their records.

    Only a SHA-256 hash of the code is stored (the code is shown once). It works once,
    until `expires_at` (7 days), unless the person cancels it first.
    """

    person = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invitations")
    code_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"invitation {self.pk} from {self.person_id}"

    def is_open(self, now: datetime) -> bool:
        return self.used_at is None and self.cancelled_at is None and self.expires_at > now


class Grant(models.Model):
    """A person's consent for one clinician to see their records.

    `created_at` is when the person made the invitation, `accepted_at` when the clinician
    accepted it; the grant is active from then until `revoked_at`. A revoked grant is kept
    (who shared with whom, when) and never reopened: sharing again makes a new grant.
    """

    person = models.ForeignKey(User, on_delete=models.CASCADE, related_name="grants_given")
    clinician = models.ForeignKey(User, on_delete=models.CASCADE, related_name="grants_received")
    invitation = models.OneToOneField(
        Invitation, null=True, blank=True, on_delete=models.SET_NULL, related_name="grant"
    )
    created_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ("-created_at", "-id")
        constraints = [
            models.UniqueConstraint(
                fields=("person", "clinician"),
                condition=Q(revoked_at__isnull=True),
                name="grant_one_open_per_pair",
            ),
        ]
        indexes = [models.Index(fields=("clinician", "revoked_at"), name="grant_clinician_open")]

    def __str__(self) -> str:
        return f"grant from {self.person_id} to {self.clinician_id}"

    @property
    def is_active(self) -> bool:
        return self.accepted_at is not None and self.revoked_at is None


class AuditEvent(models.Model):
    """Someone other than the person read or changed the person's data (who, what, when).

    `actor_username` and `clinic` are copied when the event is written, so the log still
    says who it was after an account is renamed or removed. `target` names the record
    (e.g. "assessment 12"), never its contents.
    """

    actor = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    actor_username = models.CharField(max_length=150)
    clinic = models.ForeignKey(
        Clinic, null=True, blank=True, on_delete=models.SET_NULL, related_name="audit_events"
    )
    person = models.ForeignKey(User, on_delete=models.CASCADE, related_name="audit_events")
    action = models.CharField(max_length=40)
    target = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-at", "-id")
        indexes = [
            models.Index(fields=("person", "at"), name="audit_person_at"),
            models.Index(fields=("clinic", "at"), name="audit_clinic_at"),
        ]

    def __str__(self) -> str:
        return f"{self.actor_username} {self.action} {self.target} about {self.person_id}"
