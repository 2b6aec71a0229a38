"""easeoff: measure opioid withdrawal, log doses, taper safely, share with a clinician."""

__version__ = "0.1.0"
