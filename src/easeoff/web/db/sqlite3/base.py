"""Django's SQLite backend, told the real limit on query parameters.

Django assumes SQLite's old default of 999 bound parameters per statement, so a bulk insert
of a few hundred rows (the caseload's audit events) is split into several statements. SQLite
3.32 and later allow 32,766, which keeps such an insert to one statement.
"""

import sqlite3

from django.db.backends.sqlite3 import base, features


class DatabaseFeatures(features.DatabaseFeatures):
    max_query_params = 32766 if sqlite3.sqlite_version_info >= (3, 32) else 999


class DatabaseWrapper(base.DatabaseWrapper):
    features_class = DatabaseFeatures
