"""The suite runs on the database the environment names, with its integrity checks on."""

import os

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from easeoff.web.tracking.models import Assessment


@pytest.mark.django_db
def test_it_runs_on_the_expected_database():
    # CI's PostgreSQL run sets EASEOFF_EXPECT_DB=postgresql, so a silent fallback to SQLite fails here.
    expected = os.environ.get("EASEOFF_EXPECT_DB")
    assert connection.vendor == (expected or connection.vendor)
    assert connection.vendor in {"sqlite", "postgresql"}


@pytest.mark.django_db(transaction=True)
def test_the_database_enforces_foreign_keys():
    now = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.create(
            person_id=987654,
            instrument_code="sows",
            instrument_version="1987",
            answers={},
            total=0,
            taken_at=now,
            taken_on=now.date(),
        )
