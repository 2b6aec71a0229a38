"""The audit log: who read or changed whose data, and when.

Events are written by easeoff.services.access (reads and changes of a person's records by
someone else) and by easeoff.services.sharing (a clinician accepting or ending a grant).
A target names a record, never its contents: the audit log holds no clinical values.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

# What each action means, for the person's "who looked at my data" page and the admin.
ACTIONS: dict[str, str] = {
    "view_records": "looked at your records",
    "view_assessment": "opened a result",
    "view_history": "looked at your history and charts",
    "view_flags": "looked at your safety flags",
    "view_journal": "read your journal",
    "view_profile": "looked at your profile",
    "view_caseload": "saw your latest scores in their caseload",
    "record_assessment": "recorded an assessment about you",
    "edit_assessment": "corrected an assessment",
    "acknowledge_flag": "acknowledged a safety flag",
    "write_note": "wrote a note about you",
    "export_report": "made a visit report",
    "view_doses": "looked at your doses",
    "record_dose": "logged a dose for you",
    "view_timeline": "looked at your withdrawal timeline",
    "view_taper": "looked at your taper plan",
    "set_taper": "set a taper plan for you",
    "approve_taper": "approved your taper plan",
    "export_taper": "downloaded your taper calendar",
    "export": "exported your records",
    "accept_invitation": "accepted your invitation to share",
    "end_grant": "stopped seeing your records",
}


def describe(action: str) -> str:
    """Return the plain-words meaning of an action (the code itself if unknown)."""
    return ACTIONS.get(action, action.replace("_", " "))


def record_event(
    *, actor: Any, person: Any, action: str, target: str = "", at: datetime | None = None
) -> Any:
    """Write one audit event: `actor` did `action` to `target` in `person`'s records."""
    from easeoff.web.accounts.models import AuditEvent

    return AuditEvent.objects.create(
        actor=actor,
        actor_username=actor.username,
        clinic_id=getattr(actor, "clinic_id", None),
        person=person,
        action=action[:40],
        target=target[:200],
        at=at or timezone.now(),
    )


def record_events(*, actor: Any, people: Iterable[Any], action: str, at: datetime | None = None) -> int:
    """Write one event per person in one statement (e.g. a caseload that shows many people).

    A plain executemany, not bulk_create: building hundreds of model instances took longer
    than rendering the caseload itself (bench/caseload.py).
    """
    from django.db import connection

    from easeoff.web.accounts.models import AuditEvent

    when = connection.ops.adapt_datetimefield_value(at or timezone.now())
    clinic_id = getattr(actor, "clinic_id", None)
    rows = [
        (actor.pk, actor.username, clinic_id, getattr(person, "pk", person), action[:40], "", when)
        for person in people
    ]
    if not rows:
        return 0
    table = AuditEvent._meta.db_table
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (actor_id, actor_username, clinic_id, person_id, action, target, at) "  # noqa: S608 -- table name only
            "VALUES (%s, %s, %s, %s, %s, %s, %s)",
            rows,
        )
    return len(rows)


def record_events_for_queryset(*, actor: Any, people: Any, action: str, at: datetime | None = None) -> None:
    """Write one event per person in a queryset of users with one INSERT ... SELECT.

    For a caseload of hundreds this skips sending every id back and forth (bench/caseload.py).
    """
    from django.db import connection

    from easeoff.web.accounts.models import AuditEvent

    when = connection.ops.adapt_datetimefield_value(at or timezone.now())
    subquery, params = people.values("id").query.sql_with_params()
    table = AuditEvent._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (actor_id, actor_username, clinic_id, person_id, action, target, at) "  # noqa: S608 -- table name and Django's own SQL
            f"SELECT %s, %s, %s, people.id, %s, '', %s FROM ({subquery}) people",
            [actor.pk, actor.username, getattr(actor, "clinic_id", None), action[:40], when, *params],
        )


def events_about(person: Any) -> QuerySet[Any]:
    """Return the audit events about `person`, newest first (their "who looked at my data")."""
    from easeoff.web.accounts.models import AuditEvent

    return AuditEvent.objects.filter(person=person).select_related("actor", "clinic")


def events_for_clinic(clinic: Any) -> QuerySet[Any]:
    """Return the audit events of a clinic's staff, newest first (for its clinic admins)."""
    from easeoff.web.accounts.models import AuditEvent

    return AuditEvent.objects.filter(clinic=clinic).select_related("actor", "person")
