from easeoff.cli import entrypoint

entrypoint()
