"""Forms for the account pages. They parse input; the services in easeoff.services validate it."""

from __future__ import annotations

from typing import Any

from django import forms

from easeoff.services.profile import countries, time_zones, withdrawal_substances
from easeoff.web.accounts.models import Goal

YES_NO = (("", "Not answered"), ("yes", "Yes"), ("no", "No"))


def to_optional_bool(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class StackedForm(forms.Form):
    """Renders each field with its label, help and errors; invalid fields get aria-invalid."""

    error_css_class = "has-error"
    required_css_class = "required"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class SignUpForm(StackedForm):
    username = forms.CharField(
        max_length=150,
        help_text="Letters, digits and @ . + - _ only. Others see it only if you share with them.",
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    email = forms.EmailField(
        required=False,
        help_text="Optional. Only used to reset your password if you forget it.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password1 = forms.CharField(
        label="Password",
        strip=False,
        help_text="At least 8 characters, not a common password, not all digits.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label="Password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    time_zone = forms.ChoiceField(
        label="Time zone",
        help_text="Your days (day N of withdrawal, reminders) are counted in it.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = [(z, z) for z in time_zones()]
        self.fields["time_zone"].initial = "UTC"
        if not self.is_bound:
            # static/easeoff/time-zone.js picks the browser's zone; a re-shown form keeps the choice.
            self.fields["time_zone"].widget.attrs["data-detect-time-zone"] = ""

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("password1") and data.get("password2") and data["password1"] != data["password2"]:
            self.add_error("password2", "The two passwords differ.")
        return data


class ProfileForm(StackedForm):
    display_name = forms.CharField(
        max_length=100, required=False, help_text="How easeoff and your clinician address you."
    )
    time_zone = forms.ChoiceField(
        label="Time zone", help_text="Your days (day N of withdrawal, reminders) are counted in it."
    )
    country = forms.ChoiceField(
        required=False, help_text="For the kratom legality lookup and crisis lines where you live."
    )
    region = forms.CharField(
        max_length=6,
        required=False,
        label="State or region",
        help_text="Optional ISO 3166-2 code, e.g. US-TX for Texas or GB-SCT for Scotland.",
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "placeholder": "US-TX"}),
    )
    withdrawing_from = forms.MultipleChoiceField(
        required=False,
        label="What are you coming off?",
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick every one; alcohol and benzodiazepines too if you are stopping those.",
    )
    last_used_at = forms.DateTimeField(
        required=False,
        label="When did you last use?",
        help_text="In your own time zone. Withdrawal is counted from here.",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    uses_kratom = forms.TypedChoiceField(
        choices=YES_NO,
        required=False,
        coerce=to_optional_bool,
        empty_value=None,
        label="Do you use kratom?",
        widget=forms.RadioSelect,
    )
    pregnant = forms.TypedChoiceField(
        choices=YES_NO,
        required=False,
        coerce=to_optional_bool,
        empty_value=None,
        label="Are you pregnant?",
        help_text="Withdrawal in pregnancy needs expert care; easeoff then shows you why.",
        widget=forms.RadioSelect,
    )
    goal = forms.ChoiceField(choices=[("", "Not decided"), *Goal.choices], required=False, label="Your goal")
    research_consent = forms.BooleanField(
        required=False,
        label="Let researchers use my records, without my name",
        help_text="Off unless you turn it on. You can turn it off at any time.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = [(z, z) for z in time_zones()]
        self.fields["country"].choices = [("", "Not said"), *countries()]
        self.fields["withdrawing_from"].choices = withdrawal_substances()


def bool_to_choice(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


class CodeForm(StackedForm):
    code = forms.CharField(
        max_length=40,
        label="Invitation code",
        help_text="The 12 letters and digits the person gave you, e.g. 7KQ2-M9XD-3FHP.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class DeleteForm(StackedForm):
    confirm = forms.CharField(
        max_length=150,
        label="Type your username to confirm",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}),
    )
