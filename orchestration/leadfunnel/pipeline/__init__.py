"""The Dagster side of leadfunnel: assets, checks, jobs, schedules, sensors and resources.

Everything here is a thin wrapper over ``leadfunnel.run`` (the steps the CLI runs too); the
Definitions object is ``leadfunnel.definitions.defs``.
"""
