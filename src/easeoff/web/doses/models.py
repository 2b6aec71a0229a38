"""Rows for what a person takes and how they plan to come down: products, doses, taper plans.

Models hold rows, not rules: validation, unit conversion, alkaloid estimates and taper
schedules live in easeoff.domain (doses, taper) and are called by easeoff.services.doses
and easeoff.services.taper. Amounts are Decimals with their unit in the field name or in
a `unit` column beside them; instants are UTC (`*_at`), days are the person's local days
(`*_on`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

# Wide enough for 250 000 000 mcg (the largest plausible entry) and for 0.000001 mg.
AMOUNT = {"max_digits": 16, "decimal_places": 6}
PERCENT = {"max_digits": 7, "decimal_places": 4}


class Route(models.TextChoices):
    ORAL = "oral", "By mouth"
    SUBLINGUAL = "sublingual", "Under the tongue"
    SMOKED = "smoked", "Smoked or vaped"
    INSUFFLATED = "insufflated", "Snorted"
    INJECTED = "injected", "Injected"
    TRANSDERMAL = "transdermal", "Skin patch"
    OTHER = "other", "Other"


class Product(models.Model):
    """A product a person saved to log doses quickly, as they measure it.

    `kind` is the catalogue form (for kratom the product kind: leaf_powder, capsules ...),
    `unit` how the person measures it. `mg_per_unit` is the labelled mass per capsule,
    tablet or ml; `mitragynine_pct`/`seven_oh_pct` are percent w/w from a label or
    certificate of analysis; `measurable_step` the smallest amount the person can measure
    (a taper of this product is rounded to it). Validated by easeoff.domain.doses.Product.
    """

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="products")
    name = models.CharField(max_length=100)
    substance = models.CharField(max_length=32)
    kind = models.CharField(max_length=32)
    unit = models.CharField(max_length=16)
    mg_per_unit = models.DecimalField(null=True, blank=True, **AMOUNT)
    mitragynine_pct = models.DecimalField(null=True, blank=True, **PERCENT)
    seven_oh_pct = models.DecimalField(null=True, blank=True, **PERCENT)
    measurable_step = models.DecimalField(null=True, blank=True, **AMOUNT)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("name", "id")
        constraints = [models.UniqueConstraint(fields=("person", "name"), name="product_person_name_unique")]

    def __str__(self) -> str:
        return self.name


class Dose(models.Model):
    """One logged dose: what, how much as entered, and its mass where one can be derived.

    `amount` + `unit` are what the person entered. `amount_mg` is the mass of `measures`
    (leaf powder, labelled drug ...) or None when no mass follows from the unit and
    product; `is_approximate` and `basis` say how it was worked out (a teaspoon of powder
    is approximate). `mitragynine_mg`/`seven_oh_mg` are estimates from the product's
    labelled content, with `alkaloid_basis`. `product_name` keeps the product's name if
    the product is later deleted. An edit bumps `revision` and keeps the previous values
    in DoseRevision.
    """

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="doses")
    substance = models.CharField(max_length=32)
    kind = models.CharField(max_length=32)
    product = models.ForeignKey(
        Product, null=True, blank=True, on_delete=models.SET_NULL, related_name="doses"
    )
    product_name = models.CharField(max_length=100, blank=True)
    amount = models.DecimalField(**AMOUNT)
    unit = models.CharField(max_length=16)
    amount_mg = models.DecimalField(null=True, blank=True, **AMOUNT)
    is_approximate = models.BooleanField(default=False)
    basis = models.TextField(blank=True)
    measures = models.CharField(max_length=100, blank=True)
    mitragynine_mg = models.DecimalField(null=True, blank=True, **AMOUNT)
    seven_oh_mg = models.DecimalField(null=True, blank=True, **AMOUNT)
    alkaloid_basis = models.TextField(blank=True)
    route = models.CharField(max_length=16, choices=Route.choices, default=Route.ORAL)
    taken_at = models.DateTimeField()
    taken_on = models.DateField()
    note = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField(auto_now=True)
    revision = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ("-taken_at", "-id")
        indexes = [
            models.Index(fields=("person", "taken_at"), name="dose_person_at"),
            models.Index(fields=("person", "substance", "taken_on"), name="dose_person_substance_on"),
        ]

    def __str__(self) -> str:
        return f"{self.substance} {self.amount} {self.unit} on {self.taken_on}"


class DoseRevision(models.Model):
    """A previous version of a dose, kept when it is edited (who, when, what).

    `values` holds the dose's fields as they were, amounts as decimal strings.
    """

    dose = models.ForeignKey(Dose, on_delete=models.CASCADE, related_name="revisions")
    revision = models.PositiveIntegerField()
    values = models.JSONField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField()

    class Meta:
        ordering = ("dose", "revision")
        constraints = [
            models.UniqueConstraint(fields=("dose", "revision"), name="dose_revision_unique"),
        ]

    def __str__(self) -> str:
        return f"revision {self.revision} of dose {self.dose_id}"


class TaperStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    SUPERSEDED = "superseded", "Replaced by a newer plan"


class TaperPlan(models.Model):
    """A taper plan as it was set: the rule's parameters and the whole schedule it produced.

    `steps` is the schedule computed by easeoff.domain.taper.plan_taper when the plan was
    saved: [{"index", "on", "amount_per_day", "unrounded", "rounding", "days", "is_floor"}]
    with amounts as decimal strings. It is never recomputed, so a saved plan stays what the
    person and clinician saw. Saving a new plan for the same substance marks the previous
    one superseded (kept, never changed). A hold rule (`hold_instrument` empty for none)
    postpones a step while withdrawal scores stay high; holds are derived from the stored
    assessments whenever the plan is shown (easeoff.services.taper.apply_holds).
    """

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="taper_plans")
    substance = models.CharField(max_length=32)
    unit = models.CharField(max_length=16)
    product = models.ForeignKey(
        Product, null=True, blank=True, on_delete=models.SET_NULL, related_name="taper_plans"
    )
    product_name = models.CharField(max_length=100, blank=True)
    start_per_day = models.DecimalField(**AMOUNT)
    reduction_kind = models.CharField(max_length=8, choices=[("percent", "percent"), ("fixed", "fixed")])
    reduction_value = models.DecimalField(**AMOUNT)
    interval_days = models.PositiveIntegerField()
    floor = models.DecimalField(**AMOUNT)
    rounding_step = models.DecimalField(**AMOUNT)
    after_floor = models.CharField(max_length=24, default="hold")
    floor_days = models.PositiveIntegerField(null=True, blank=True)
    hold_instrument = models.CharField(max_length=8, blank=True)
    hold_threshold = models.PositiveIntegerField(null=True, blank=True)
    hold_consecutive = models.PositiveIntegerField(null=True, blank=True)
    hold_window_days = models.PositiveIntegerField(null=True, blank=True)
    hold_threshold_basis = models.TextField(blank=True)
    hold_threshold_is_convention = models.BooleanField(default=True)
    start_on = models.DateField()
    steps = models.JSONField()
    status = models.CharField(max_length=16, choices=TaperStatus.choices, default=TaperStatus.ACTIVE)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    superseded_at = models.DateTimeField(null=True, blank=True)
    superseded_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ("-created_at", "-id")
        indexes = [models.Index(fields=("person", "status"), name="taper_person_status")]

    def __str__(self) -> str:
        return f"taper plan {self.pk} of {self.substance} from {self.start_on}"
