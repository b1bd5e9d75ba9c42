"""The CAMEO codebook: each code's name, Goldstein weight, QuadClass and PLOVER type."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import DataTableError
from ..tables import DATA_DIR, read_table

CODEBOOK_PATH = DATA_DIR / "cameo" / "event_codes.tsv"
CODEBOOK_COLUMNS = ("code", "name", "goldstein", "quad_class", "plover_type", "plover_mode")

# QuadClass by CAMEO root. GDELT groups 01-05 / 06-09 / 10-14 / 15-20; ICEWS,
# Phoenix and PLOVER-era tools group 01-05 / 06-08 / 09-13 / 14-20.
QUAD_CLASS_BY_ROOT = {
    "gdelt": {root: 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4 for root in range(1, 21)},
    "icews": {root: 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4 for root in range(1, 21)},
}


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover_type: str  # empty where PLOVER drops the code (CAMEO 01x and 02x)
    plover_mode: str

    @property
    def root(self) -> str:
        return self.code[:2]


class Codebook:
    """All CAMEO event codes, looked up by code string ("042", "0311")."""

    def __init__(self, codes: dict[str, CameoCode], *, quad_scheme: str = "gdelt") -> None:
        self.codes = codes
        self.quad_scheme = quad_scheme

    @classmethod
    def load(cls, path: Path = CODEBOOK_PATH, *, quad_scheme: str = "gdelt") -> Codebook:
        codes = {}
        for row in read_table(path, CODEBOOK_COLUMNS):
            code = row["code"]
            if code in codes:
                raise DataTableError(f"{path}:{row['_line']}: code {code} appears twice")
            codes[code] = CameoCode(
                code=code,
                name=row["name"],
                goldstein=float(row["goldstein"]),
                quad_class=QUAD_CLASS_BY_ROOT[quad_scheme][int(code[:2])],
                plover_type=row["plover_type"],
                plover_mode=row["plover_mode"],
            )
        return cls(codes, quad_scheme=quad_scheme)

    def __contains__(self, code: str) -> bool:
        return code in self.codes

    def __getitem__(self, code: str) -> CameoCode:
        return self.codes[code]

    def plover(self, code: str) -> str:
        """PLOVER event type of a CAMEO code; "" where PLOVER drops it."""
        entry = self.codes.get(code)
        return entry.plover_type if entry else ""
