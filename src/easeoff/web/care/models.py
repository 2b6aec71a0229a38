"""Safety flags raised by the rules in easeoff.domain.safety, and their acknowledgement."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class Flag(models.Model):
    """A raised safety flag about a person, with the rule's messages and source as they were.

    `condition_key` identifies the condition (rule id plus e.g. the substance pair); while a
    flag is open (not acknowledged) the same condition is not raised again, which the partial
    unique constraint enforces in the database as well.
    """

    SEVERITIES = (("urgent", "urgent"), ("warning", "warning"), ("info", "info"))

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="flags")
    rule_id = models.CharField(max_length=80)
    severity = models.CharField(max_length=8, choices=SEVERITIES)
    condition_key = models.CharField(max_length=200)
    priority = models.IntegerField(default=50)
    actions = models.JSONField(default=list)
    person_message = models.TextField()
    clinician_message = models.TextField()
    source = models.TextField()
    rationale = models.TextField()
    details = models.JSONField(default=dict)
    raised_at = models.DateTimeField()
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledgement = models.TextField(blank=True)

    class Meta:
        ordering = ("acknowledged_at", "priority", "-raised_at")
        constraints = [
            models.UniqueConstraint(
                fields=("person", "condition_key"),
                condition=Q(acknowledged_at__isnull=True),
                name="flag_one_open_per_condition",
            ),
        ]
        indexes = [models.Index(fields=("person", "acknowledged_at"), name="flag_person_open")]

    def __str__(self) -> str:
        return f"{self.severity} {self.rule_id} for {self.person_id}"

    @property
    def is_open(self) -> bool:
        return self.acknowledged_at is None


class ClinicianNote(models.Model):
    """A clinician's note about a person. Notes are never edited; a correction is a new note."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="care_notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField()
    written_at = models.DateTimeField()

    class Meta:
        ordering = ("-written_at",)

    def __str__(self) -> str:
        return f"note about {self.person_id} by {self.author_id}"


class ReportRecord(models.Model):
    """A visit report that was made: who made it, for whom, which period, when."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reports")
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    date_from = models.DateField()
    date_to = models.DateField()
    generated_at = models.DateTimeField()

    class Meta:
        ordering = ("-generated_at",)

    def __str__(self) -> str:
        return f"report {self.date_from}..{self.date_to} for {self.person_id}"
