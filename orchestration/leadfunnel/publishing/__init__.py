"""Publishing the marts, one module per job:

- ``gate``: the publish gate's state (what the last quality check and dbt build saw and found),
  the build bookkeeping shared by the CLI and Dagster (``recorded_build``) and the verdict
  (``audit``);
- ``serve``: the audited atomic publish of ``serve.duckdb`` and its ``meta`` table;
- ``parquet``: the optional Parquet export of the published copy.
"""
