"""The sample-company generator: a Japanese B2B SaaS vendor's Marketo and Salesforce extracts.

A package of its own beside the product (``leadfunnel``): only the CLI's ``generate`` and
``demo`` commands, ``benchmarks/``, ``scripts/`` and the tests import it.

    from leadfunnel_sample import generate
    result = generate(Path("extracts"), people=10_000, months=24)

Modules, in the order the simulation runs:
config (knobs, time window), calendar (Japanese business days), seed_rules (the warehouse's
scoring seeds), names and catalog (vocabularies), users, programs, accounts, people, dirty
(dirty data), behaviour (MA activities), scoring (fit, engagement, MQL crossing), sales and
sales_log (handoffs, decisions), opportunities, simulate (the chunked run), outcomes,
salesforce_tables, marketo_tables, truth, writer, company (``generate``: the whole run).
Helpers: grouping (per-group array operations), columns (arrays -> Arrow), ids, headers.
"""

from leadfunnel_sample.company import GenerateResult, generate

__all__ = ["GenerateResult", "generate"]
