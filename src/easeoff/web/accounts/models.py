"""People who use easeoff: a person in withdrawal, a clinician, or a clinic admin."""

from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    PATIENT = "patient", "Person tracking their withdrawal"
    CLINICIAN = "clinician", "Clinician"
    ADMIN = "admin", "Clinic admin"


class User(AbstractUser):
    """An account. The role decides which pages a user can reach."""

    role = models.CharField(max_length=16, choices=Role.choices, default=Role.PATIENT)
    # The person's IANA zone: their calendar days ("taken_on", "day N") are counted in it.
    time_zone = models.CharField(max_length=64, default="UTC")

    @property
    def is_patient(self) -> bool:
        return self.role == Role.PATIENT

    @property
    def is_clinician(self) -> bool:
        return self.role == Role.CLINICIAN


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
