"""The JSON API (django-ninja); OpenAPI at /api/docs and /api/openapi.json.

Endpoints are thin: parse with a schema, call a service, return a schema. Expected
failures become 422 (with one message per offending field or item) or 404.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, NinjaAPI, Query, Schema, Status
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer, django_auth
from pydantic import BaseModel, field_validator

from easeoff import __version__
from easeoff.domain.instruments import INSTRUMENTS, PUBLISHED
from easeoff.interop.fhir_bundle import export_bundle, import_bundle
from easeoff.services import assessments
from easeoff.services.errors import InvalidInput, NotAllowed
from easeoff.services.scoring import instrument_public, score_answers
from easeoff.web.accounts.services import user_for_token
from easeoff.web.tracking.models import Assessment


class BearerToken(HttpBearer):
    """`Authorization: Bearer eo_...`: an API token made with `easeoff token create`."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        return user_for_token(token)


api = NinjaAPI(
    title="easeoff API",
    version=__version__,
    description=(
        "Validated withdrawal instruments, assessments and scores. Every clinical number carries its source."
    ),
    # A bearer token (scripts, apps) or the browser's session (htmx pages; needs the CSRF token).
    auth=[BearerToken(), django_auth],
    urls_namespace="api",
)


class Problem(Schema):
    loc: list[str]
    msg: str
    type: str = "value_error"


class ProblemList(Schema):
    detail: list[Problem]


class Message(Schema):
    detail: str


class OptionPublic(Schema):
    value: int
    text: str
    published: bool


class ItemPublic(Schema):
    id: str
    number: int
    text: str
    help: str
    scored: bool
    required: bool
    options: list[OptionPublic]
    source: str
    loinc: str | None


class BandPublic(Schema):
    low: int
    high: int
    label: str
    meaning: str
    source: str


class InstrumentPublic(Schema):
    code: str
    name: str
    short_name: str
    version: str
    source: str
    administered_by: str
    recall_period: str
    instructions: str
    min_total: int
    max_total: int
    bands: list[BandPublic]
    band_note: str
    items: list[ItemPublic]


class AssessmentPublic(BaseModel):
    """One stored assessment (a plain pydantic model: it is built from a dict, so it skips
    ninja's ORM-attribute resolution on the busiest write path)."""

    id: int
    instrument: str
    instrument_version: str
    variant: str
    answers: dict[str, int]
    total: int
    band: str | None
    flags: list[str]
    taken_at: datetime
    taken_on: date
    revision: int


class AssessmentPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[AssessmentPublic]


def assessment_public(row: Assessment) -> dict[str, Any]:
    return {
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
        "revision": row.revision,
    }


def problems_response(
    request: HttpRequest, problems: dict[str, str], where: dict[str, list[str]]
) -> HttpResponse:
    detail = [
        {"loc": where.get(field, ["body", "answers", field]), "msg": msg, "type": "value_error"}
        for field, msg in problems.items()
    ]
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(InvalidInput)
def on_invalid_input(request: HttpRequest, exc: InvalidInput) -> HttpResponse:
    top_level = {
        "instrument": ["body", "instrument"],
        "taken_at": ["body", "taken_at"],
        "variant": ["body", "variant"],
        "answers": ["body", "answers"],
        "from": ["query", "from"],
        "to": ["query", "to"],
    }
    return problems_response(request, exc.problems, top_level)


@api.exception_handler(NotAllowed)
def on_not_allowed(request: HttpRequest, exc: NotAllowed) -> HttpResponse:
    # 404, not 403: do not reveal whether a record exists to someone who may not see it.
    return api.create_response(request, {"detail": "not found"}, status=404)


@api.exception_handler(NinjaValidationError)
def on_validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    detail = [
        {
            "loc": [str(part) for part in error.get("loc", ())],
            "msg": str(error.get("msg", "invalid")),
            "type": str(error.get("type", "value_error")),
        }
        for error in exc.errors
    ]
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(request, {"detail": "sign in first"}, status=401)


@api.get("/instruments", response=list[InstrumentPublic], auth=None, tags=["instruments"])
def list_instruments(request: HttpRequest) -> list[dict[str, Any]]:
    """List every instrument with its items, anchors, bands and sources."""
    return [instrument_public(i) for i in INSTRUMENTS.values()]


@api.get(
    "/instruments/{code}", response={200: InstrumentPublic, 404: Message}, auth=None, tags=["instruments"]
)
def get_instrument(request: HttpRequest, code: str) -> Any:
    """Return one instrument by code."""
    instrument = INSTRUMENTS.get(code)
    if instrument is None:
        return Status(
            404, {"detail": f"unknown instrument {code!r}; known instruments: {', '.join(INSTRUMENTS)}"}
        )
    return instrument_public(instrument)


class ScoreRequest(Schema):
    instrument: str = Field(..., description="Instrument code, e.g. cows", examples=["cows"])
    answers: dict[str, Any] = Field(..., description="Item id to the chosen value, one per item")
    variant: str = Field(
        PUBLISHED, description="Wording variant: 'published' unless the instrument has others"
    )


class AssessmentCreate(ScoreRequest):
    taken_at: datetime | None = Field(
        None, description="When it was taken (ISO 8601 with offset); default now"
    )


class AssessmentUpdate(Schema):
    answers: dict[str, Any] = Field(..., description="The corrected answers, one per item")


class ScorePublic(Schema):
    instrument: str
    total: int
    band: str | None
    flags: list[str]


@api.post(
    "/score", response={200: ScorePublic, 400: Message, 422: ProblemList}, auth=None, tags=["instruments"]
)
def score(request: HttpRequest, payload: ScoreRequest) -> Any:
    """Score answers without storing anything (a calculator); 422 names every offending item."""
    result = score_answers(payload.instrument, payload.answers, variant=payload.variant)
    return {
        "instrument": result.instrument_code,
        "total": result.total,
        "band": result.band.label if result.band else None,
        "flags": list(result.flags),
    }


@api.post(
    "/assessments",
    response={201: AssessmentPublic, 400: Message, 401: Message, 404: Message, 422: ProblemList},
    tags=["assessments"],
)
def create_assessment(request: HttpRequest, payload: AssessmentCreate) -> Any:
    """Score and store one assessment for the signed-in person; 422 names every offending item."""
    recorded = assessments.record_assessment(
        actor=request.auth,
        person=request.auth,
        instrument_code=payload.instrument,
        answers=payload.answers,
        taken_at=payload.taken_at,
        variant=payload.variant,
        now=timezone.now(),
    )
    return Status(201, assessment_public(recorded.assessment))


ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class AssessmentFilters(Schema):
    instrument: str | None = Field(None, description="Only this instrument code")
    date_from: date | None = Field(None, alias="from", description="First local day (inclusive)")
    date_to: date | None = Field(None, alias="to", description="Last local day (inclusive)")
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0, le=10_000_000)

    @field_validator("date_from", "date_to", mode="before")
    @classmethod
    def require_iso_date(cls, value: Any) -> Any:
        # pydantic would read "0" as a Unix timestamp; a day is only ever YYYY-MM-DD here.
        if value is None or isinstance(value, date):
            return value
        if not isinstance(value, str) or not ISO_DAY.fullmatch(value):
            raise ValueError("must be a day as YYYY-MM-DD")
        return value


@api.get("/assessments", response={200: AssessmentPage, 422: ProblemList, 401: Message}, tags=["assessments"])
def list_assessments(request: HttpRequest, filters: Query[AssessmentFilters]) -> Any:
    """List the signed-in person's assessments, newest first, with filters and pagination."""
    rows = assessments.list_assessments(
        viewer=request.auth,
        person=request.auth,
        instrument_code=filters.instrument,
        taken_from=filters.date_from,
        taken_to=filters.date_to,
    )
    page = rows[filters.offset : filters.offset + filters.limit]
    return {
        "count": rows.count(),
        "limit": filters.limit,
        "offset": filters.offset,
        "items": [assessment_public(r) for r in page],
    }


@api.get(
    "/assessments/{assessment_id}",
    response={200: AssessmentPublic, 401: Message, 404: Message, 422: ProblemList},
    tags=["assessments"],
)
def get_assessment(request: HttpRequest, assessment_id: int) -> Any:
    """Return one assessment the signed-in user may see."""
    return assessment_public(assessments.get_assessment(viewer=request.auth, assessment_id=assessment_id))


@api.put(
    "/assessments/{assessment_id}",
    response={200: AssessmentPublic, 400: Message, 401: Message, 404: Message, 422: ProblemList},
    tags=["assessments"],
)
def update_assessment(request: HttpRequest, assessment_id: int, payload: AssessmentUpdate) -> Any:
    """Correct an assessment's answers; the previous version is kept as a revision."""
    row = assessments.get_assessment(viewer=request.auth, assessment_id=assessment_id)
    recorded = assessments.edit_assessment(
        actor=request.auth, assessment=row, answers=payload.answers, now=timezone.now()
    )
    return assessment_public(recorded.assessment)


class ImportSummary(Schema):
    imported: int
    already_present: int
    skipped_types: dict[str, int]


@api.get("/fhir/bundle", response={200: dict[str, Any], 401: Message}, tags=["fhir"])
def fhir_bundle(request: HttpRequest) -> Any:
    """The signed-in person's record as a FHIR R4 Bundle (see docs/fhir.md)."""
    return export_bundle(viewer=request.auth, person=request.auth, now=timezone.now())


@api.post(
    "/fhir/import",
    response={200: ImportSummary, 400: Message, 401: Message, 404: Message, 422: ProblemList},
    tags=["fhir"],
)
def fhir_import(request: HttpRequest) -> Any:
    """Import the QuestionnaireResponses of a FHIR R4 Bundle (the request body) as assessments."""
    try:
        text = request.body.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput({"file": "must be UTF-8 JSON"}) from None
    result = import_bundle(actor=request.auth, person=request.auth, text=text, now=timezone.now())
    return {
        "imported": result.imported,
        "already_present": result.already_present,
        "skipped_types": result.skipped_types,
    }


# Sharing, the audit log and the export (easeoff.web.accounts.api): last, as it uses the schemas above.
from easeoff.web.accounts.api import router as accounts_router  # noqa: E402

api.add_router("", accounts_router)

# Products, doses, daily totals and taper plans (easeoff.web.doses.api).
from easeoff.web.doses.api import router as doses_router  # noqa: E402

api.add_router("", doses_router)
