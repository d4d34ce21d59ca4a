"""The Salesforce org: roles, users and how each sales rep works.

Inside sales reps take the MQL handoffs; they differ in speed (some call within minutes, some
take a day or more, one often never calls back). Field reps (east/west by the company's region)
take TQLs and sales-generated leads. New leads belong to a marketing pool user until the
assignment rule hands them over; a Marketo integration user makes the synced changes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from leadfunnel_sample.config import BUSINESS_DAY_SECONDS, HOUR, MINUTE, Window
from leadfunnel_sample.ids import sfid

ROLES: tuple[str, ...] = (
    "Sales Management",
    "Inside Sales",
    "Field Sales East",
    "Field Sales West",
    "Marketing",
)
TEAM_INSIDE, TEAM_EAST, TEAM_WEST = 0, 1, 2


@dataclass(frozen=True)
class User:
    index: int
    name: str
    email: str
    department: str
    title: str
    role: int  # index into ROLES
    manager: int  # user index, -1 for none
    is_active: bool


@dataclass(frozen=True)
class Rep:
    """How one sales rep works."""

    user: int
    team: int
    first_contact_median: float  # business seconds from assignment to the first touch
    never_share: float  # share of handoffs never contacted
    diligence: float  # chance of each further attempt (of 5)
    skill: float  # multiplies the chance of qualifying a lead
    reason_compliance: float  # chance the disqualification reason is filled in
    active_from: float  # share of the window when the rep joined (0 = before)
    active_to: float  # share of the window when the rep left (1 = still here)


@dataclass(frozen=True)
class Org:
    users: tuple[User, ...]
    reps: tuple[Rep, ...]
    head: int
    inside_manager: int
    east_manager: int
    west_manager: int
    pool: int  # owns new marketing leads
    integration: int  # Marketo sync
    window: Window

    @property
    def user_ids(self) -> list[str]:
        return [sfid("user", u.index + 1) for u in self.users]

    @property
    def role_ids(self) -> list[str]:
        return [sfid("user_role", i + 1) for i in range(len(ROLES))]

    def team(self, team: int) -> list[Rep]:
        return [r for r in self.reps if r.team == team]

    def pick_reps(self, team: int, t: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """A rep of ``team`` active at each time (user indexes), uniformly among the active."""
        reps = self.team(team)
        start = self.window.start
        span = self.window.span
        active_from = np.array([start + r.active_from * span for r in reps])
        active_to = np.array([start + r.active_to * span for r in reps])
        active = (t[:, None] >= active_from[None, :]) & (t[:, None] < active_to[None, :])
        active[~active.any(axis=1)] = True  # nobody active (before the window): anyone
        weights = rng.random(active.shape) * active
        choice = np.argmax(weights, axis=1)
        return np.array([r.user for r in reps], dtype=np.int64)[choice]

    def pick_field_reps(self, east: np.ndarray, t: np.ndarray, rng: np.random.Generator):
        """A field rep of the east or west team (by ``east``) active at each time."""
        return np.where(east, self.pick_reps(TEAM_EAST, t, rng), self.pick_reps(TEAM_WEST, t, rng))

    def rep_table(self) -> dict[str, np.ndarray]:
        """Per-user arrays of rep traits (non-reps get neutral values)."""
        n = len(self.users)
        table = {trait: np.full(n, neutral) for trait, neutral in _NEUTRAL_TRAITS.items()}
        users = [rep.user for rep in self.reps]
        for trait, column in table.items():
            column[users] = [getattr(rep, trait) for rep in self.reps]
        return table


# Rep traits as rep_table gives them, with the value for users who are not reps
_NEUTRAL_TRAITS = {
    "first_contact_median": BUSINESS_DAY_SECONDS / 3.0,
    "never_share": 0.05,
    "diligence": 0.5,
    "skill": 1.0,
    "reason_compliance": 0.9,
}

_DOMAIN = "example-saas.co.jp"

# (name, romaji local part, department, title, role, manager key, key)
_PEOPLE: tuple[tuple[str, str, str, str, str, str, str], ...] = (
    ("山本 誠", "makoto.yamamoto", "営業本部", "営業本部長", "Sales Management", "", "head"),
    (
        "小林 美咲",
        "misaki.kobayashi",
        "インサイドセールス部",
        "マネージャー",
        "Sales Management",
        "head",
        "inside_manager",
    ),
    (
        "石川 剛",
        "tsuyoshi.ishikawa",
        "東日本営業部",
        "部長",
        "Sales Management",
        "head",
        "east_manager",
    ),
    (
        "岡田 隆",
        "takashi.okada",
        "西日本営業部",
        "部長",
        "Sales Management",
        "head",
        "west_manager",
    ),
    (
        "前田 恵",
        "megumi.maeda",
        "マーケティング部",
        "部長",
        "Marketing",
        "head",
        "marketing_manager",
    ),
    ("藤井 彩", "aya.fujii", "マーケティング部", "担当", "Marketing", "marketing_manager", "m1"),
    (
        "西村 翔太",
        "shota.nishimura",
        "マーケティング部",
        "主任",
        "Marketing",
        "marketing_manager",
        "m2",
    ),
    (
        "マーケティング リードプール",
        "lead.pool",
        "マーケティング部",
        "",
        "Marketing",
        "marketing_manager",
        "pool",
    ),
    (
        "Marketo 連携ユーザー",
        "marketo.sync",
        "マーケティング部",
        "",
        "Marketing",
        "",
        "integration",
    ),
)

# Inside sales: (name, local part, median first contact, never share, diligence, skill,
# compliance, active from, active to)
_INSIDE: tuple[tuple[str, str, float, float, float, float, float, float, float], ...] = (
    ("佐藤 健太", "kenta.sato", 4 * MINUTE, 0.02, 0.75, 1.25, 0.97, 0.0, 1.0),
    ("鈴木 由美", "yumi.suzuki", 20 * MINUTE, 0.03, 0.65, 1.1, 0.95, 0.0, 1.0),
    ("高橋 拓也", "takuya.takahashi", 1.5 * HOUR, 0.04, 0.55, 1.0, 0.9, 0.0, 1.0),
    ("田中 直子", "naoko.tanaka", 4 * HOUR, 0.05, 0.5, 1.0, 0.92, 0.0, 1.0),
    ("伊藤 大輔", "daisuke.ito", BUSINESS_DAY_SECONDS, 0.08, 0.4, 0.9, 0.8, 0.0, 1.0),
    ("渡辺 亮", "ryo.watanabe", 2 * BUSINESS_DAY_SECONDS, 0.22, 0.25, 0.8, 0.6, 0.0, 1.0),
    ("中村 麻衣", "mai.nakamura", 45 * MINUTE, 0.03, 0.6, 1.05, 0.93, 0.45, 1.0),
    ("加藤 修", "osamu.kato", 3 * HOUR, 0.15, 0.35, 0.9, 0.7, 0.0, 0.45),
)
# Field sales: (name, local part, team, skill, active to)
_FIELD: tuple[tuple[str, str, int, float, float], ...] = (
    ("吉田 浩", "hiroshi.yoshida", TEAM_EAST, 1.2, 1.0),
    ("山田 花子", "hanako.yamada", TEAM_EAST, 1.1, 1.0),
    ("佐々木 聡", "satoshi.sasaki", TEAM_EAST, 1.0, 1.0),
    ("山口 陽子", "yoko.yamaguchi", TEAM_EAST, 1.0, 1.0),
    ("松本 和也", "kazuya.matsumoto", TEAM_EAST, 0.9, 1.0),
    ("井上 智子", "tomoko.inoue", TEAM_EAST, 0.95, 1.0),
    ("木村 達也", "tatsuya.kimura", TEAM_EAST, 0.85, 1.0),
    ("林 雄一", "yuichi.hayashi", TEAM_WEST, 1.15, 1.0),
    ("清水 優子", "yuko.shimizu", TEAM_WEST, 1.0, 1.0),
    ("森 学", "manabu.mori", TEAM_WEST, 0.95, 1.0),
    ("池田 沙織", "saori.ikeda", TEAM_WEST, 0.9, 1.0),
    ("橋本 裕介", "yusuke.hashimoto", TEAM_WEST, 1.0, 1.0),
)


def build_org(window: Window) -> Org:
    users: list[User] = []
    keys: dict[str, int] = {}
    for name, local, department, title, role, manager_key, key in _PEOPLE:
        keys[key] = len(users)
        users.append(
            User(
                len(users),
                name,
                f"{local}@{_DOMAIN}",
                department,
                title,
                ROLES.index(role),
                keys.get(manager_key, -1),
                True,
            )
        )
    reps: list[Rep] = []
    for name, local, median, never, diligence, skill, compliance, start, end in _INSIDE:
        index = len(users)
        users.append(
            User(
                index,
                name,
                f"{local}@{_DOMAIN}",
                "インサイドセールス部",
                "担当",
                ROLES.index("Inside Sales"),
                keys["inside_manager"],
                end >= 1.0,
            )
        )
        reps.append(
            Rep(index, TEAM_INSIDE, median, never, diligence, skill, compliance, start, end)
        )
    for name, local, team, skill, end in _FIELD:
        index = len(users)
        east = team == TEAM_EAST
        users.append(
            User(
                index,
                name,
                f"{local}@{_DOMAIN}",
                "東日本営業部" if east else "西日本営業部",
                "営業担当",
                ROLES.index("Field Sales East" if east else "Field Sales West"),
                keys["east_manager" if east else "west_manager"],
                end >= 1.0,
            )
        )
        reps.append(Rep(index, team, 2 * HOUR, 0.02, 0.6, skill, 0.9, 0.0, end))
    return Org(
        users=tuple(users),
        reps=tuple(reps),
        head=keys["head"],
        inside_manager=keys["inside_manager"],
        east_manager=keys["east_manager"],
        west_manager=keys["west_manager"],
        pool=keys["pool"],
        integration=keys["integration"],
        window=window,
    )
