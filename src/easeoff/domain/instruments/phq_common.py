"""What PHQ-9 and GAD-7 share: the 0-3 frequency answers with their LOINC codes, and the licence."""

from easeoff.domain.instruments.model import Option

# LOINC answer list LL358-3 (http://loinc.org/vs/LL358-3).
FREQUENCY_OPTIONS = (
    Option(0, "Not at all", "LA6568-5"),
    Option(1, "Several days", "LA6569-3"),
    Option(2, "More than half the days", "LA6570-1"),
    Option(3, "Nearly every day", "LA6571-9"),
)
FREQUENCY_SOURCE = (
    "PHQ/GAD-7 response options (Pfizer PHQ screeners); LOINC answer list LL358-3 "
    "(LA6568-5, LA6569-3, LA6570-1, LA6571-9) as in HL7 US Core examples and the "
    "Medizininformatik-Initiative PROMs PHQ-9"
)

LOINC_NOTICE = (
    "This content from LOINC is copyright 1995 Regenstrief Institute, Inc. and the LOINC "
    "Committee, and available at no cost under the license at http://loinc.org/terms-of-use"
)
PFIZER_COPYRIGHT = (
    "Copyright Pfizer Inc. Developed by Drs Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke "
    "and colleagues. No permission required to reproduce, translate, display or distribute. "
    f"{LOINC_NOTICE}."
)
