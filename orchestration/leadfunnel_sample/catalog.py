"""What the company's website, forms, e-mails and CRM picklists contain.

Web page paths, form names and program statuses are chosen so that
seeds/lookups/activity_patterns.csv classifies them into every category it knows (product,
pricing, case study, seminar, blog, other pages; case-study, product-sheet and white-paper
downloads; consultation requests and inquiries; seminar/webinar registration and attendance).
"""

from __future__ import annotations

SITE = "https://www.example-saas.co.jp"
PRODUCT = "LeadCloud"

# Page kinds, used by the behaviour model to pick pages.
PAGE_KINDS: tuple[str, ...] = ("product", "pricing", "case_study", "seminar", "blog", "other")
PAGES: dict[str, tuple[str, ...]] = {
    "product": (
        "/products/",
        "/products/lead-management/",
        "/products/scoring/",
        "/products/ma-integration/",
        "/products/analytics/",
        "/products/security/",
        "/products/api/",
    ),
    "pricing": ("/pricing", "/pricing/enterprise"),
    "case_study": (
        "/case-studies/",
        "/case-studies/manufacturing-towa-seiki/",
        "/case-studies/it-nexus-systems/",
        "/case-studies/finance-mizuho-lease/",
        "/case-studies/retail-asahi-shoji/",
        "/case-studies/construction-taisei-kenko/",
        "/case-studies/inside-sales-launch/",
    ),
    "seminar": ("/seminars/", "/seminars/webinar-archive/", "/seminars/consultation/"),
    "blog": (
        "/blog/what-is-mql/",
        "/blog/lead-nurturing-basics/",
        "/blog/inside-sales-kpi/",
        "/blog/bant-framework/",
        "/blog/scoring-design/",
        "/blog/sla-between-marketing-and-sales/",
        "/blog/ringi-and-b2b-buying/",
        "/blog/webinar-tips/",
        "/blog/crm-migration-from-excel/",
        "/blog/dx-case-2025/",
    ),
    "other": (
        "/",
        "/company/",
        "/news/",
        "/careers/",
        "/support/",
        "/partners/",
        "/contact/",
        "/contact/thanks/",
    ),
}
REFERRERS: tuple[str, ...] = (
    "",
    "https://www.google.co.jp/",
    "https://search.yahoo.co.jp/",
    "https://www.bing.com/",
    "https://www.facebook.com/",
    "https://twitter.com/",
    "https://www.linkedin.com/",
)
QUERY_PARAMETERS: tuple[str, ...] = (
    "",
    "utm_source=google&utm_medium=cpc&utm_campaign=brand",
    "utm_source=newsletter&utm_medium=email",
    "utm_source=facebook&utm_medium=social",
    "utm_source=partner&utm_medium=referral",
)

# Form kinds -> form names (matched by the fill_out_form patterns)
FORMS: dict[str, tuple[str, ...]] = {
    "case_study": ("DL_導入事例集_製造業", "DL_導入事例集_情報通信業", "DL_導入事例集_金融業"),
    "product_sheet": ("DL_製品資料_基本機能", "DL_製品資料_料金プラン"),
    "white_paper": (
        "DL_ホワイトペーパー_MQL設計ガイド",
        "DL_ホワイトペーパー_インサイドセールス立ち上げ",
    ),
    "consultation": ("個別相談申込フォーム",),
    "inquiry": ("お問い合わせフォーム",),
    "seminar_signup": ("セミナー申込フォーム",),
    "webinar_signup": ("ウェビナー申込フォーム",),
    "newsletter": ("メルマガ登録フォーム",),
}
FORM_LANDING_PAGE: dict[str, str] = {
    "case_study": "/case-studies/",
    "product_sheet": "/products/",
    "white_paper": "/blog/scoring-design/",
    "consultation": "/seminars/consultation/",
    "inquiry": "/contact/",
    "seminar_signup": "/seminars/",
    "webinar_signup": "/seminars/",
    "newsletter": "/",
}

# Program channels and their Marketo program types
PROGRAM_TYPES: dict[str, str] = {
    "seminar": "Event",
    "webinar": "Event with Webinar",
    "consultation": "Event",
    "tradeshow": "Event",
    "content": "Default",
    "email": "Email",
}
CAMPAIGN_TYPES: dict[str, str] = {
    "seminar": "Seminar / Conference",
    "webinar": "Webinar",
    "consultation": "Seminar / Conference",
    "tradeshow": "Trade Show",
}
SEMINAR_TOPICS: tuple[str, ...] = (
    "MQL設計実践セミナー",
    "インサイドセールス立ち上げ講座",
    "営業DX最前線",
    "リードナーチャリング入門",
    "SFA/MA連携の進め方",
    "スコアリング見直しワークショップ",
)
SEMINAR_CITIES: tuple[str, ...] = ("東京", "大阪", "名古屋", "東京", "福岡")
TRADESHOWS: tuple[tuple[int, str], ...] = (
    (4, "Japan IT Week 春"),
    (7, "マーケティングWeek 夏"),
    (10, "DX EXPO 秋"),
    (1, "営業支援EXPO 冬"),
)
CONTENT_PROGRAMS: tuple[str, ...] = (
    "コンテンツ_導入事例集",
    "コンテンツ_製品資料",
    "コンテンツ_ホワイトペーパー",
)
EMAIL_KINDS: tuple[str, ...] = (
    "メルマガ",
    "ウェビナー案内",
    "導入事例のご紹介",
    "新機能のお知らせ",
)

# Program statuses: (status, old status, reason)
PROGRESSION_STATUSES: tuple[tuple[str, str, str], ...] = (
    ("Registered", "Not in Program", "フォーム送信による登録"),
    ("Attended", "Registered", "参加記録の取込"),
    ("No Show", "Registered", "参加記録の取込"),
    ("Attended On-demand", "No Show", "オンデマンド視聴"),
    ("Visited Booth", "Not in Program", "展示会リスト取込"),
)
REGISTERED, ATTENDED, NO_SHOW, ON_DEMAND, VISITED_BOOTH = range(5)

# Lead sources (lead_source_channels.csv values) and shares among people
MARKETING_SOURCES: dict[str, float] = {
    "展示会": 0.18,
    "Web問い合わせ": 0.10,
    "資料DL": 0.25,
    "セミナー": 0.08,
    "ウェビナー": 0.15,
    "広告": 0.14,
    "リスティング広告": 0.10,
}
SALES_SOURCES: dict[str, float] = {"紹介": 0.4, "営業開拓": 0.4, "パートナー": 0.2}

# Salesforce lead statuses (the company's Japanese picklist)
STATUS_NEW = "新規"
STATUS_MQL = "MQL"
STATUS_TQL = "TQL"
STATUS_SAL = "営業受入"
STATUS_SQL = "商談化"
STATUS_DISQUALIFIED = "対象外"
STATUS_RECYCLED = "リサイクル"
LEAD_STATUSES: tuple[str, ...] = (
    STATUS_NEW,
    STATUS_MQL,
    STATUS_TQL,
    STATUS_SAL,
    STATUS_SQL,
    STATUS_DISQUALIFIED,
    STATUS_RECYCLED,
)
S_NEW, S_MQL, S_TQL, S_SAL, S_SQL, S_DISQ, S_RECYCLED = range(7)

DISQUALIFICATION_REASONS: tuple[str, ...] = (
    "予算なし",
    "時期尚早",
    "ニーズなし",
    "競合採用済み",
    "連絡不通",
    "情報不備",
    "対象外業種",
)
DISQUALIFICATION_DETAILS: dict[str, tuple[str, ...]] = {
    "予算なし": ("今期は予算確保が難しいとのこと", "来期予算で再検討予定", "稟議が通らなかった"),
    "時期尚早": ("現行システムの契約が来年まで残っている", "まずは情報収集段階", "半年後に再検討"),
    "ニーズなし": ("現状のExcel運用で困っていない", "担当者の個人的な情報収集", "課題感が薄い"),
    "競合採用済み": ("他社MAを導入済み", "競合製品で契約済み、更新時期は未定"),
    "連絡不通": ("3回架電したが不在", "メールにも返信なし", "代表番号のみで担当者につながらない"),
    "情報不備": ("電話番号不備", "会社名が不明", "個人のフリーアドレス"),
    "対象外業種": ("当社サービスの対象外業種", "学生・個人のため対象外"),
}
LOSS_REASONS: tuple[str, ...] = ("時期尚早", "予算なし", "競合負け", "機能不足", "価格")

# Sales activity vocabulary
CALL_DISPOSITIONS: tuple[str, ...] = ("不在", "接続", "留守電")
TASK_SUBJECTS: dict[str, str] = {
    "call": "架電",
    "email": "フォローメール送信",
    "open": "再架電予定",
    "thanks": "展示会お礼架電",
    "opportunity": "提案フォロー",
}
MEETING_SUBJECTS: tuple[str, ...] = ("初回商談(Web会議)", "初回商談(訪問)", "提案", "見積説明")

OPPORTUNITY_STAGES: tuple[tuple[str, float], ...] = (
    ("Qualification", 10.0),
    ("提案", 30.0),
    ("見積", 50.0),
    ("交渉", 70.0),
    ("Closed Won", 100.0),
    ("Closed Lost", 0.0),
)
ST_QUALIFICATION, ST_PROPOSAL, ST_QUOTE, ST_NEGOTIATION, ST_WON, ST_LOST = range(6)
CONTACT_ROLES: dict[str, str] = {
    "executive": "Decision Maker",
    "department_head": "Decision Maker",
    "manager": "Evaluator",
    "supervisor": "Influencer",
    "staff": "Business User",
}
PLANS: tuple[str, ...] = ("スタンダード", "プロフェッショナル", "エンタープライズ")
