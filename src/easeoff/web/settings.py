"""Django settings for easeoff: built from the environment by easeoff.config.build_settings."""

import os

from easeoff.config import build_settings

globals().update(build_settings(os.environ))
