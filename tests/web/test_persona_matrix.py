"""Every URL is requested by every persona, and each gets exactly what it should.

ana is a person, ben her clinician (ana shares with him: an accepted grant), cho a clinician
ana has not shared with, dee a clinic admin, anon a visitor. The test fails when a URL
pattern is added without a row here.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from easeoff.services import assessments, journal

PERSONAS = ("ana", "ben", "cho", "dee", "anon")
LOGIN = "login"  # a redirect to the sign-in page

# path template -> (method, expected status or LOGIN for each persona in PERSONAS order)
MATRIX: dict[str, tuple[str, tuple[object, ...]]] = {
    "": ("GET", (200, 200, 200, 200, 200)),
    "healthz": ("GET", (200, 200, 200, 200, 200)),
    "learn/": ("GET", (200, 200, 200, 200, 200)),
    "learn/<slug:slug>/": ("GET", (200, 200, 200, 200, 200)),
    "legal/": ("GET", (200, 200, 200, 200, 200)),
    "accounts/login/": ("GET", (200, 200, 200, 200, 200)),
    "accounts/logout/": ("GET", (405, 405, 405, 405, 405)),
    "accounts/signup/": ("GET", (302, 302, 302, 302, 200)),
    "accounts/profile/": ("GET", (200, 200, 200, 200, LOGIN)),
    "accounts/audit/": ("GET", (200, 403, 403, 403, LOGIN)),
    "accounts/export/": ("GET", (200, 200, 200, 200, LOGIN)),
    "accounts/export/csv/": ("GET", (200, 200, 200, 200, LOGIN)),
    "accounts/import/": ("GET", (200, 403, 403, 403, LOGIN)),
    "accounts/delete/": ("GET", (200, 403, 403, 403, LOGIN)),
    "accounts/password/change/": ("GET", (200, 200, 200, 200, LOGIN)),
    "accounts/password/change/done/": ("GET", (200, 200, 200, 200, LOGIN)),
    "accounts/password/reset/": ("GET", (200, 200, 200, 200, 200)),
    "accounts/password/reset/done/": ("GET", (200, 200, 200, 200, 200)),
    "accounts/reset/<uidb64>/<token>/": ("GET", (200, 200, 200, 200, 200)),
    "accounts/reset/done/": ("GET", (200, 200, 200, 200, 200)),
    "sharing/": ("GET", (200, 200, 200, 403, LOGIN)),
    "sharing/invite/": ("GET", (405, 405, 405, 405, 405)),
    "sharing/invitations/<int:invitation_id>/cancel/": ("GET", (405, 405, 405, 405, 405)),
    "sharing/grants/<int:grant_id>/revoke/": ("GET", (405, 405, 405, 405, 405)),
    "sharing/accept/": ("GET", (403, 200, 200, 403, LOGIN)),
    "sharing/accept/<str:code>/": ("GET", (403, 200, 200, 403, LOGIN)),
    "admin/": ("GET", (302, 302, 302, 200, 302)),
    "checkin/": ("GET", (200, 403, 403, 403, LOGIN)),
    "checkin/<slug:code>/": ("GET", (200, 403, 403, 403, LOGIN)),
    "checkin/<slug:code>/preview": ("GET", (405, 405, 405, 405, 405)),
    "assessments/<int:assessment_id>/": ("GET", (200, 200, 404, 404, LOGIN)),
    "history/": ("GET", (200, 403, 403, 403, LOGIN)),
    "journal/": ("GET", (200, 403, 403, 403, LOGIN)),
    "journal/<int:entry_id>/": ("GET", (200, 403, 403, 403, LOGIN)),
    "journal/<int:entry_id>/doses/": ("GET", (405, 405, 405, 405, 405)),
    "flags/": ("GET", (200, 403, 403, 403, LOGIN)),
    "report/": ("GET", (200, 403, 403, 403, LOGIN)),
    "caseload/": ("GET", (403, 200, 200, 403, LOGIN)),
    "caseload/<int:person_id>/report/": ("GET", (403, 200, 404, 403, LOGIN)),
    "caseload/<int:person_id>/": ("GET", (403, 200, 404, 403, LOGIN)),
    "caseload/<int:person_id>/administer/<slug:code>/": ("GET", (403, 200, 404, 403, LOGIN)),
    "caseload/<int:person_id>/flags/<int:flag_id>/acknowledge/": ("GET", (405, 405, 405, 405, 405)),
    "caseload/<int:person_id>/notes/": ("GET", (405, 405, 405, 405, 405)),
    "doses/": ("GET", (200, 403, 403, 403, LOGIN)),
    "doses/<int:dose_id>/": ("GET", (200, 403, 403, 403, LOGIN)),
    "doses/<int:dose_id>/delete/": ("GET", (405, 405, 405, 405, 405)),
    "products/": ("GET", (200, 403, 403, 403, LOGIN)),
    "timeline/": ("GET", (200, 403, 403, 403, LOGIN)),
    "taper/": ("GET", (200, 403, 403, 403, LOGIN)),
    "taper/<int:plan_id>/calendar.ics": ("GET", (200, 200, 404, 404, LOGIN)),
    "caseload/<int:person_id>/taper/": ("GET", (403, 200, 404, 403, LOGIN)),
    "api/": ("GET", (404, 404, 404, 404, 404)),
    "api/instruments": ("GET", (200, 200, 200, 200, 200)),
    "api/instruments/<code>": ("GET", (200, 200, 200, 200, 200)),
    "api/score": ("GET", (405, 405, 405, 405, 405)),
    "api/assessments": ("GET", (200, 200, 200, 200, 401)),
    "api/assessments/<assessment_id>": ("GET", (200, 200, 404, 404, 401)),
    "api/grants": ("GET", (200, 200, 200, 200, 401)),
    "api/grants/<grant_id>": ("GET", (405, 405, 405, 405, 405)),
    "api/invitations": ("GET", (405, 405, 405, 405, 405)),
    "api/invitations/accept": ("GET", (405, 405, 405, 405, 405)),
    "api/audit": ("GET", (200, 200, 200, 200, 401)),
    "api/export": ("GET", (200, 200, 200, 200, 401)),
    "api/products": ("GET", (200, 200, 200, 200, 401)),
    "api/doses": ("GET", (200, 200, 200, 200, 401)),
    "api/doses/daily-totals": ("GET", (200, 200, 200, 200, 401)),
    "api/doses/<dose_id>": ("GET", (200, 200, 404, 404, 401)),
    "api/taper/plan": ("GET", (405, 405, 405, 405, 405)),
    "api/taper": ("GET", (200, 200, 200, 200, 401)),
    "api/docs": ("GET", (200, 200, 200, 200, 200)),
    "api/fhir/bundle": ("GET", (200, 200, 200, 200, 401)),
    "api/fhir/import": ("GET", (405, 405, 405, 405, 405)),
    "api/openapi.json": ("GET", (200, 200, 200, 200, 200)),
}


def url_templates() -> set[str]:
    """Return every routable path template, with the admin counted once as admin/."""
    found: set[str] = set()

    def walk(patterns, prefix: str) -> None:
        for pattern in patterns:
            route = str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                if route == "admin/":
                    found.add("admin/")
                    continue
                walk(pattern.url_patterns, prefix + route)
            elif isinstance(pattern, URLPattern):
                found.add(prefix + route)

    walk(get_resolver().url_patterns, "")
    return found


def test_every_url_has_a_row():
    assert url_templates() == set(MATRIX)


def journal_entry_id(person) -> int:
    from easeoff.web.tracking.models import JournalEntry

    entry = JournalEntry.objects.filter(person=person).first()
    if entry is None:
        entry = journal.write_entry(
            actor=person, person=person, text="Sweating and no sleep.", now=timezone.now()
        )
    return entry.pk


def dose_id(person) -> int:
    from easeoff.services.doses import record_dose
    from easeoff.web.doses.models import Dose

    dose = Dose.objects.filter(person=person).first()
    if dose is None:
        dose = record_dose(
            actor=person, person=person, substance="kratom", amount="2", unit="g", now=timezone.now()
        )
    return dose.pk


def plan_id(person) -> int:
    from easeoff.services.taper import TaperRequest, save_taper
    from easeoff.web.doses.models import TaperPlan

    plan = TaperPlan.objects.filter(person=person).first()
    if plan is None:
        request = TaperRequest(
            substance="kratom", start="10g", reduce="10%", every_days=7, floor="0g", start_on="2026-03-01"
        )
        plan = save_taper(actor=person, person=person, request=request, now=timezone.now())
    return plan.pk


def concrete(template: str, assessment, sharing: dict[str, str] | None = None) -> str:
    assessment_id = assessment.pk
    for placeholder, value in (sharing or {}).items():
        template = template.replace(placeholder, value)
    code = "cows" if "administer" in template else "sows"
    path = (
        template.replace("<slug:code>", code)
        .replace("<int:person_id>", str(assessment.person_id))
        .replace("<int:flag_id>", "1")
        .replace("<int:entry_id>", str(journal_entry_id(assessment.person)))
        .replace("<slug:slug>", "what-is-kratom")
        .replace("<code>", "sows")
        .replace("<int:assessment_id>", str(assessment_id))
        .replace("<assessment_id>", str(assessment_id))
    )
    if "dose_id>" in path:
        path = path.replace("<int:dose_id>", str(dose_id(assessment.person)))
        path = path.replace("<dose_id>", str(dose_id(assessment.person)))
    if "<int:plan_id>" in path:
        path = path.replace("<int:plan_id>", str(plan_id(assessment.person)))
    return "/" + path


@pytest.fixture
def ana_assessment(ana):
    answers = {f"sows_{n}": 1 for n in range(1, 17)}
    return assessments.record_assessment(
        actor=ana, person=ana, instrument_code="sows", answers=answers, now=timezone.now()
    ).assessment


@pytest.fixture
def sharing_ids(ana, ben):
    """ana shares with ben (an accepted grant) and holds one unused invitation code."""
    from easeoff.services.sharing import create_invitation
    from tests.grants import share

    grant = share(ana, ben)
    made = create_invitation(person=ana, now=timezone.now())
    return {
        "<int:grant_id>": str(grant.pk),
        "<grant_id>": str(grant.pk),
        "<int:invitation_id>": str(made.invitation.pk),
        "<str:code>": made.code,
        "<uidb64>": "MQ",
        "<token>": "not-a-valid-token",
    }


@pytest.mark.django_db
@pytest.mark.parametrize("template", sorted(MATRIX))
@pytest.mark.parametrize("persona", PERSONAS)
def test_persona_gets_what_it_should(client, personas, ana_assessment, sharing_ids, template, persona):
    method, expected = MATRIX[template]
    want = expected[PERSONAS.index(persona)]
    if persona != "anon":
        client.force_login(personas[persona])
    response = client.generic(method, concrete(template, ana_assessment, sharing_ids))
    if want == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == want, f"{persona} {method} {template}"
