"""The Dagster side of leadfunnel: assets, checks, jobs, schedules, sensors and resources.

Everything here is a thin wrapper over ``leadfunnel.steps`` (the steps the CLI runs too); the
Definitions object is ``leadfunnel.definitions.defs``.
"""
