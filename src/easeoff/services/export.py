"""Everything a person has in easeoff, as one JSON document (schema "easeoff.export", version 1).

The document is described field by field in docs/export.md. It is built from sections, one
function per kind of record; a new kind of record adds a section here (and to CURATED) and a
table there. Until it does, its rows are still exported, field by field, under
"other_records": the export always holds everything that deleting the account removes.

Compatibility: adding a section or a field keeps version 1; renaming or removing one, or
changing a field's meaning, makes version 2.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any
from uuid import UUID

from easeoff import __version__
from easeoff.services.errors import NotAllowed

SCHEMA = "easeoff.export"
VERSION = 1

Section = Callable[[Any], Any]
SECTIONS: dict[str, Section] = {}

# Kinds of record exported by a section of their own ("app_label.Model" -> section). Every other
# kind of record that is deleted with the account (easeoff.services.accounts.delete_account)
# is exported too, field by field, under "other_records", until it gets a section here: so
# the export holds exactly what deleting the account removes, however the models grow.
CURATED: dict[str, str] = {
    "accounts.User": "account",
    "accounts.Profile": "profile",
    "accounts.ApiToken": "api_tokens",
    "accounts.Invitation": "invitations",
    "accounts.Grant": "grants",
    "accounts.AuditEvent": "audit_events",
    "tracking.Assessment": "assessments",
    "tracking.AssessmentRevision": "assessments",
    "tracking.JournalEntry": "journal_entries",
    "care.Flag": "flags",
    "care.ClinicianNote": "clinician_notes",
    "care.ReportRecord": "reports",
}


def section(name: str) -> Callable[[Section], Section]:
    """Register a function that returns one section of the export for a user."""

    def register(build: Section) -> Section:
        SECTIONS[name] = build
        return build

    return register


def jsonable(value: Any) -> Any:
    """Turn instants, days and times into ISO 8601 text, decimals into exact text, recursively."""
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal | UUID):
        return str(value)
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def export_person(*, viewer: Any, person: Any, now: datetime) -> dict[str, Any]:
    """Return everything `person` has, as a JSON-ready dict. Only the person may export it all."""
    if viewer is None or viewer.pk != person.pk:
        raise NotAllowed("only the person exports their own records")
    document: dict[str, Any] = {
        "schema": SCHEMA,
        "version": VERSION,
        "exported_at": now,
        "generator": f"easeoff {__version__}",
    }
    for name, build in SECTIONS.items():
        document[name] = build(person)
    document["other_records"] = other_records(person)
    return jsonable(document)


def owned_records(person: Any) -> dict[str, list[Any]]:
    """Return every record deleted with `person`'s account, by "app_label.Model" (nothing is deleted).

    Django's deletion collector follows every CASCADE from the account, so this is exactly
    what delete_account removes.
    """
    from django.db import router
    from django.db.models.deletion import Collector

    collector = Collector(using=router.db_for_write(type(person)), origin=person)
    collector.collect([person])
    found: dict[str, list[Any]] = {}
    for model, instances in collector.data.items():
        found.setdefault(model._meta.label, []).extend(instances)
    for queryset in collector.fast_deletes:
        found.setdefault(queryset.model._meta.label, []).extend(queryset)
    return {label: rows for label, rows in found.items() if rows}


def other_records(person: Any) -> dict[str, list[dict[str, Any]]]:
    """Export, field by field, every kind of owned record that has no section of its own."""
    from easeoff.web.accounts.models import User

    usernames: dict[Any, str] = {}

    def username(pk: Any) -> str | None:
        if pk is None:
            return None
        if pk not in usernames:
            usernames[pk] = User.objects.filter(pk=pk).values_list("username", flat=True).first() or ""
        return usernames[pk] or None

    result: dict[str, list[dict[str, Any]]] = {}
    for label, instances in sorted(owned_records(person).items()):
        if label in CURATED or not instances:
            continue
        rows = []
        for obj in sorted(instances, key=lambda o: o.pk):
            row: dict[str, Any] = {}
            for field in obj._meta.concrete_fields:
                value = field.value_from_object(obj)
                if field.is_relation and field.related_model is User:
                    row[field.name] = username(value)  # another account: by name, not by id
                else:
                    row[field.attname] = value
            rows.append(row)
        result[label] = rows
    return result


def who(user: Any) -> dict[str, Any] | None:
    """A reference to another account: enough to recognise it, nothing more."""
    if user is None:
        return None
    clinic = getattr(user, "clinic", None)
    return {
        "username": user.username,
        "display_name": user.display_name,
        "role": user.role,
        "clinic": clinic.name if clinic else None,
    }


@section("account")
def account_section(user: Any) -> dict[str, Any]:
    return {
        "username": user.username,
        "email": user.email,
        "role": user.role,
        "clinic": user.clinic.name if user.clinic_id else None,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
    }


@section("profile")
def profile_section(user: Any) -> dict[str, Any]:
    from easeoff.services.profile import profile_public

    return profile_public(user)


@section("assessments")
def assessments_section(user: Any) -> list[dict[str, Any]]:
    from easeoff.web.tracking.models import Assessment

    rows = (
        Assessment.objects.filter(person=user)
        .order_by("taken_at", "id")
        .select_related("administered_by__clinic")
    )
    return [
        {
            "id": row.pk,
            "instrument": row.instrument_code,
            "instrument_version": row.instrument_version,
            "variant": row.variant,
            "answers": row.answers,
            "total": row.total,
            "band": row.band or None,
            "flags": row.flags,
            "taken_at": row.taken_at,
            "taken_on": row.taken_on,
            "administered_by": None if row.administered_by_id == user.pk else who(row.administered_by),
            "revision": row.revision,
            "previous_versions": [
                {
                    "revision": old.revision,
                    "answers": old.answers,
                    "total": old.total,
                    "band": old.band or None,
                    "flags": old.flags,
                    "taken_at": old.taken_at,
                    "changed_at": old.changed_at,
                }
                for old in row.revisions.all()
            ],
        }
        for row in rows.prefetch_related("revisions")
    ]


@section("journal_entries")
def journal_section(user: Any) -> list[dict[str, Any]]:
    from easeoff.web.tracking.models import JournalEntry

    return [
        {
            "id": row.pk,
            "text": row.text,
            "written_at": row.written_at,
            "written_on": row.written_on,
            "extraction": row.extraction,
            "cues": row.cues,
        }
        for row in JournalEntry.objects.filter(person=user).order_by("written_at", "id")
    ]


@section("flags")
def flags_section(user: Any) -> list[dict[str, Any]]:
    from easeoff.web.care.models import Flag

    return [
        {
            "id": row.pk,
            "rule": row.rule_id,
            "severity": row.severity,
            "message": row.person_message,
            "source": row.source,
            "raised_at": row.raised_at,
            "acknowledged_at": row.acknowledged_at,
            "acknowledged_by": who(row.acknowledged_by),
            "acknowledgement": row.acknowledgement or None,
        }
        for row in Flag.objects.filter(person=user)
        .order_by("raised_at", "id")
        .select_related("acknowledged_by__clinic")
    ]


@section("clinician_notes")
def notes_section(user: Any) -> list[dict[str, Any]]:
    from easeoff.web.care.models import ClinicianNote

    return [
        {"written_at": row.written_at, "author": who(row.author), "text": row.text}
        for row in ClinicianNote.objects.filter(person=user)
        .order_by("written_at", "id")
        .select_related("author__clinic")
    ]


@section("reports")
def reports_section(user: Any) -> list[dict[str, Any]]:
    from easeoff.web.care.models import ReportRecord

    return [
        {
            "from": row.date_from,
            "to": row.date_to,
            "generated_at": row.generated_at,
            "generated_by": who(row.generated_by),
        }
        for row in ReportRecord.objects.filter(person=user)
        .order_by("generated_at", "id")
        .select_related("generated_by__clinic")
    ]


@section("grants")
def grants_section(user: Any) -> list[dict[str, Any]]:
    from easeoff.services.sharing import grants_for

    return [
        {
            "id": grant.pk,
            "person": who(grant.person),
            "clinician": who(grant.clinician),
            "created_at": grant.created_at,
            "accepted_at": grant.accepted_at,
            "revoked_at": grant.revoked_at,
            "revoked_by": grant.revoked_by.username if grant.revoked_by else None,
        }
        for grant in grants_for(user).select_related("revoked_by").order_by("created_at", "id")
    ]


@section("invitations")
def invitations_section(user: Any) -> list[dict[str, Any]]:
    from easeoff.web.accounts.models import Invitation

    return [
        {
            "created_at": row.created_at,
            "expires_at": row.expires_at,
            "used_at": row.used_at,
            "cancelled_at": row.cancelled_at,
        }
        for row in Invitation.objects.filter(person=user).order_by("created_at", "id")
    ]


@section("audit_events")
def audit_section(user: Any) -> list[dict[str, Any]]:
    from easeoff.services.audit import events_about

    return [
        {
            "at": row.at,
            "actor": row.actor_username,
            "clinic": row.clinic.name if row.clinic else None,
            "action": row.action,
            "target": row.target or None,
        }
        for row in events_about(user).order_by("at", "id")
    ]


@section("api_tokens")
def tokens_section(user: Any) -> list[dict[str, Any]]:
    from easeoff.web.accounts.models import ApiToken

    return [
        {"name": row.name, "prefix": row.prefix, "created_at": row.created_at}
        for row in ApiToken.objects.filter(user=user).order_by("created_at", "id")
    ]
