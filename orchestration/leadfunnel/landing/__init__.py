"""Landing: extract files (CSV, Excel, Parquet, JSON lines) -> the raw schemas of build.duckdb.

    from leadfunnel.landing import load_directory
    report = load_directory(folder, home.build_db, home.quarantine)

See ``leadfunnel.landing.loader`` for the file naming rule and the upsert/ledger semantics.
"""

from leadfunnel.landing.errors import LandingError
from leadfunnel.landing.headers import normalize_header
from leadfunnel.landing.loader import load_directory, load_file
from leadfunnel.landing.results import FileResult, LoadReport

__all__ = [
    "FileResult",
    "LandingError",
    "LoadReport",
    "load_directory",
    "load_file",
    "normalize_header",
]
