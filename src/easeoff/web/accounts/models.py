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
