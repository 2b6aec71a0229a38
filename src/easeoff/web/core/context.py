"""Template context shared by every page."""

from django.http import HttpRequest

from easeoff import __version__


def site(request: HttpRequest) -> dict[str, str]:
    """Expose the product name and version to templates."""
    return {"easeoff_version": __version__}
