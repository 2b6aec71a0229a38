"""The pure domain: instruments, scoring, doses, timeline, taper, safety.

Everything here imports only the standard library: no Django, no database, no clock
(callers pass `now` in).
"""
