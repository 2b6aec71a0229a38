"""Use cases shared by the web pages, the JSON API and the CLI.

One function per use case: the three front doors parse their input, call the same
function here, and render its result, so they always give the same answer.
"""
