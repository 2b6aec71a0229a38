"""Rows for what a person records: assessments on validated instruments (doses and journal follow).

Models hold rows, not rules: scoring lives in easeoff.domain.scoring and is called by the
services in easeoff.services.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Assessment(models.Model):
    """One completed instrument about a person, scored when it was stored.

    `taken_at` is the instant in UTC; `taken_on` is the person's local calendar day in
    their IANA time zone at that instant. `administered_by` is who filled it in (the
    person themself, or a clinician for COWS/OOWS in clinic). An edit bumps `revision`
    and keeps the previous answers in AssessmentRevision.
    """

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessments")
    administered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="administered_assessments",
    )
    instrument_code = models.CharField(max_length=32)
    instrument_version = models.CharField(max_length=32)
    variant = models.CharField(max_length=32, default="published")
    answers = models.JSONField()
    total = models.IntegerField()
    band = models.CharField(max_length=64, blank=True)
    flags = models.JSONField(default=list)
    taken_at = models.DateTimeField()
    taken_on = models.DateField()
    revision = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-taken_at", "-id")
        indexes = [
            models.Index(fields=("person", "instrument_code", "taken_at"), name="assessment_person_instr_at"),
            models.Index(fields=("person", "taken_at"), name="assessment_person_at"),
        ]

    def __str__(self) -> str:
        return f"{self.instrument_code} {self.total} on {self.taken_on}"


class AssessmentRevision(models.Model):
    """A previous version of an assessment, kept when it is edited (who, when, what)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="revisions")
    revision = models.PositiveIntegerField()
    answers = models.JSONField()
    total = models.IntegerField()
    band = models.CharField(max_length=64, blank=True)
    flags = models.JSONField(default=list)
    taken_at = models.DateTimeField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField()

    class Meta:
        ordering = ("assessment", "revision")
        constraints = [
            models.UniqueConstraint(fields=("assessment", "revision"), name="assessment_revision_unique"),
        ]

    def __str__(self) -> str:
        return f"revision {self.revision} of assessment {self.assessment_id}"


class JournalEntry(models.Model):
    """A person's free-text journal entry with what the extractor found in it.

    `extraction` is the guidelines' record (symptoms, substances, doses, kratom_effect);
    `highlights` are [start, end, kind, label] spans into `text`; `cues` are red-flag cue names
    (e.g. "dark_urine") the safety rules read.
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="journal_entries"
    )
    text = models.TextField()
    written_at = models.DateTimeField()
    written_on = models.DateField()
    extraction = models.JSONField(default=dict)
    highlights = models.JSONField(default=list)
    cues = models.JSONField(default=list)

    class Meta:
        ordering = ("-written_at", "-id")
        indexes = [models.Index(fields=("person", "written_at"), name="journal_person_at")]

    def __str__(self) -> str:
        return f"journal entry of {self.person_id} on {self.written_on}"
