"""The reports' page text in Japanese (default) and English: titles, headings, column headers
and sentences. Nothing the marts define is here: stage, channel and KPI labels, KPI units and
formats, SLA rule names, sentences and thresholds, and score grades are read from the label
marts (``vocabulary``).

``labels(lang)`` returns one flat dictionary; ``label(lang, key, default)`` looks a key up and
falls back to the raw value, so an unknown value shows as recorded instead of failing.
"""

from __future__ import annotations

LANGS = ("ja", "en")

_JA: dict[str, str] = {
    # documents
    "monthly.title": "月次 マーケティング・営業レビュー",
    "weekly.title": "週次 MQLハンドオフ サマリー",
    "no_data": "この月のデータはありません",
    "no_data.week": "この週のデータはありません",
    "no_data.section": "データなし",
    "data_range": "データのある月: {first} 〜 {last}",
    "data_range.none": "ウェアハウスにはまだKPIがありません。",
    "as_of": "集計時点",
    "generated_at": "作成",
    "period": "対象月",
    "week": "対象週",
    "page": "ページ",
    "contents": "目次",
    "provisional": "暫定",
    "provisional.note": (
        "暫定 = 集計時点で月が締まっていない、またはコホートが成熟前(値はまだ変わる)"
    ),
    "more_rows": "他 {n} 件はExcel({sheet} シート)を参照",
    "month_label": "{year}年{month}月",
    "week_label": "{key}({monday} 〜 {sunday})",
    "unknown": "不明",
    "unassigned": "未割当",
    "not_entered": "(未入力)",
    "total": "合計",
    "all_company": "全社",
    # sections, monthly
    "s1": "KPIスコアカード",
    "s2": "MQL→SQL 推移(12か月)",
    "s3": "ファネルとチャネル別コホート",
    "s4": "SLA遵守状況",
    "s5": "非SQL理由とフィードバック",
    "s6": "スコアリング見直し",
    "s7": "リサイクル対象リード",
    "s8": "データ品質",
    "s9": "アクションアイテム",
    "s1.lead": "{month}の主要KPIを目標と比較。前月比は前月からの変化。",
    "s2.lead": "期間転換率(当月SQL÷当月MQL)とコホート転換率(当月MQLのうちSQL到達)。",
    "s3.lead": "当月のステージ流入数、当月MQLコホートのチャネル別転換、ステージ間の所要日数。",
    "s4.lead": "当月ハンドオフのSLA遵守率(判定済みのみ)、初回接触までの時間、未対応の超過案件。",
    "s5.lead": "当月ハンドオフのうち非SQL判定の理由(パレート図)と、理由・詳細の入力率。",
    "s6.lead": (
        "ハンドオフ時点のフィットグレード(A-D)×エンゲージメント帯(1-4)別のMQL数とSQL率。"
        "四半期ごとのMQL定義見直しの材料。"
    ),
    "s7.lead": "リサイクル待ちのリード(集計時点)。理由別・再アプローチ予定月別。",
    "s8.lead": "公開されたウェアハウスのビルド情報、品質チェック結果、ソースの鮮度。",
    "s9.lead": "目標から外れたKPIと、対応の目安。",
    # scorecard
    "col.kpi": "KPI",
    "col.value": "当月",
    "col.previous": "前月",
    "col.change": "前月比",
    "col.target": "目標",
    "col.status": "状況",
    "col.mature": "確定",
    "col.hint": "対応の目安",
    "col.kpi_code": "KPIコード",
    "col.target_min": "目標下限",
    "col.target_max": "目標上限",
    "status.none": "—",
    "yes": "はい",
    "no": "いいえ",
    # trend
    "col.month": "月",
    "col.mql_count": "MQL数",
    "col.sql_from_mql": "SQL数(MQL経由)",
    "col.sql_sgl": "SQL数(営業起点SGL)",
    "col.period_rate": "期間転換率",
    "col.cohort_rate": "コホート転換率",
    "col.cohort_mature": "コホート確定",
    "chart.trend": "MQL数とMQL→SQL転換率",
    "chart.target_band": "目標範囲",
    "chart.immature": "暫定(未成熟)",
    "chart.hatched": "斜線 = 暫定(成熟前のコホート)",
    # funnel
    "col.stage": "ステージ",
    "col.entries": "流入数",
    "col.from_previous": "前ステージ比",
    "col.previous_stage": "前ステージ",
    "chart.funnel": "{month}のステージ流入数",
    "chart.channel": "チャネル別 MQL→SQL到達率({month}コホート)",
    "col.channel": "チャネル",
    "col.cohort_size": "MQL数",
    "col.sql_count": "SQL到達",
    "col.sql_rate": "SQL到達率",
    "col.won_count": "受注",
    "col.won_rate": "受注率",
    "col.median_days_to_sql": "SQLまで(中央値・日)",
    "col.is_mature": "確定",
    "velocity.title": "ステージ間の所要日数(前ステージに流入した四半期別)",
    "col.from_stage": "前",
    "col.to_stage": "後",
    "col.conversions": "件数",
    "col.median_days": "中央値",
    "col.p75_days": "75%点(日)",
    "col.p90_days": "90%点",
    # SLA
    "col.team": "チーム",
    "col.owner": "担当者",
    "col.handoffs": "ハンドオフ",
    "col.evaluated": "判定済",
    "col.compliant": "遵守",
    "col.compliance_rate": "SLA遵守率",
    "col.median_hours": "初回接触 中央値(時間)",
    "col.never_contacted": "未接触率",
    "col.first_contact_breached": "初回接触 超過",
    "col.decision_breached": "判定 超過",
    "chart.team": "チーム別 SLA遵守率",
    "chart.first_contact": "初回接触までの時間の分布",
    "col.bucket": "初回接触まで",
    "col.share": "構成比",
    "sla.reps_title": "担当者別(遵守率の低い順)",
    "sla.rules_title": "SLAルール(営業の約束)",
    "col.threshold": "しきい値",
    "col.description": "内容",
    "col.level": "区分",
    "col.contacted": "接触済",
    "col.score_qualified": "スコア基準を満たすMQL",
    "col.median_minutes": "初回接触 中央値(分)",
    "col.grade_at_handoff": "グレード(ハンドオフ時)",
    "breaches.title": "未対応のSLA超過・期限間近(集計時点)",
    "breaches.summary": "超過 {breached} 件 / 期限間近 {due_soon} 件",
    "breaches.none": "未対応の超過案件はありません。",
    "col.rule": "ルール",
    "col.hours_overdue": "超過時間",
    "col.lead": "リード",
    "col.company": "会社",
    "col.escalate_to": "エスカレーション先",
    "col.grade": "グレード",
    "col.handoff_at": "ハンドオフ日時",
    "col.deadline_at": "期限",
    "col.latest_activity": "直近の行動",
    # not-SQL
    "chart.pareto": "非SQL理由(パレート図)",
    "col.reason": "理由",
    "col.decisions": "件数",
    "col.cumulative": "累積構成比",
    "col.with_detail": "詳細あり",
    "feedback.title": "フィードバックの入力状況",
    "feedback.text": (
        "非SQL判定 {decided} 件のうち、理由と詳細の両方が入力されたもの {met} 件 "
        "(入力率 {rate})。未判定 {pending} 件。"
    ),
    "feedback.none": "当月のハンドオフに非SQL判定はまだありません。",
    # scoring
    "scoring.window": "対象期間: {first} 〜 {last} のハンドオフ(3か月)",
    "chart.scoring": "グレード別 MQL数とSQL率(ハンドオフ時点)",
    "col.mqls": "MQL数",
    "col.sqls": "SQL",
    "col.disqualified": "非SQL",
    "col.undecided": "未判定",
    "scoring.rules": "グレード境界: {fit}: {fit_grades}、{band}: {bands}。",
    "scoring.mql_rule": "MQL条件: フィットスコア≧{mf} かつ エンゲージメントスコア≧{me}。",
    "scoring.quality": "当月のMQL品質(ハンドオフ時点でスコア基準を満たすMQL): {rate}({n}/{total})",
    "scoring.hint": (
        "SQL率が低いグレードはMQL条件が緩すぎる可能性、高いのにMQL数が少ないグレードは"
        "条件が厳しすぎる可能性があります。未判定が多いセルの率は今後変わります。"
    ),
    # recycling
    "chart.recycle": "再アプローチ予定月別の件数",
    "col.reason_type": "区分",
    "col.due_month": "再アプローチ予定月",
    "col.next_due_on": "次の予定日",
    "col.people": "件数",
    "col.due_now": "期限到来",
    "recycle.due_now": "期限到来",
    "recycle.summary": "リサイクル待ち {total} 件、うち再アプローチ期限到来 {due} 件(集計時点)。",
    # data quality
    "dq.none": "品質チェックの結果はまだありません(公開版ウェアハウスにmetaテーブルがありません)。",
    "dq.build": "ビルド情報",
    "dq.checks": "チェック結果",
    "dq.freshness": "ソースの鮮度",
    "dq.warnings": "警告",
    "dq.no_warnings": "警告はありません。",
    "col.item": "項目",
    "col.value_text": "値",
    "col.source": "ソース",
    "col.newest_record": "最新レコード",
    "col.landed_at": "最終取込",
    "col.age_days": "経過日数",
    "dq.build.published_at": "公開日時",
    "dq.build.as_of": "集計時点(as_of)",
    "dq.build.built_at": "ビルド日時",
    "dq.build.quality_checked_at": "品質チェック日時",
    "dq.build.leadfunnel_version": "leadfunnel バージョン",
    "dq.check.quality_gate": "品質ゲート",
    "dq.check.quality_expectations": "品質チェック数",
    "dq.check.quality_blocking_failures": "ブロッキング失敗",
    "dq.check.quality_warnings": "品質警告",
    "dq.check.quality_docs": "Data Docs",
    "dq.check.dbt_tests": "dbtテスト数",
    "dq.check.dbt_tests_failed": "dbtテスト失敗",
    "dq.check.dbt_tests_warned": "dbtテスト警告",
    "dq.passed": "合格",
    "dq.failed": "不合格",
    # actions
    "actions.none": "目標から外れたKPIはありません。",
    "actions.provisional": "(暫定値: コホートが成熟前のため、率は今後まだ上がります)",
    "actions.provisional_month": "(暫定値: 集計時点で月が締まっていません)",
    "actions.item": "{kpi}: {value}(目標 {target})",
    "actions.extra.breaches": (
        "未対応のSLA超過が {n} 件あります: 担当者とマネージャーに本日中の対応を依頼する。"
    ),
    "actions.extra.feedback": (
        "非SQLフィードバックの入力率が {rate}: 理由と詳細の入力を営業に徹底する。"
    ),
    "col.action": "アクション",
    # weekly
    "w1": "今週のMQLハンドオフ",
    "w2": "対応期限超過のハンドオフ",
    "w3": "注目リード(高スコア・未接触)",
    "w4": "営業からの品質フィードバック(今週の非SQL判定)",
    "w1.lead": "{week} にハンドオフされたMQLと、そのフォロー状況(集計時点)。",
    "w2.lead": "集計時点で初回接触または判定の期限を過ぎている未判定のハンドオフ。",
    "w3.lead": (
        "未判定かつ未接触のハンドオフのうち、現在のグレードが {fits} かつ {bands} "
        "(MQL条件を満たすグレード)のリード。"
    ),
    "w4.lead": "今週、非SQLと判定されたリードの理由と詳細。",
    "w.summary.handoffs": "ハンドオフ",
    "w.summary.first_contact_met": "期限内に初回接触",
    "w.summary.not_compliant": "SLA超過",
    "w.summary.breaches_by_rule": "ルール別の超過",
    "w.rules.title": "SLAルール",
    "w.by_owner": "チーム・担当者別(集計時点)",
    "w.handoffs.list": "ハンドオフ一覧",
    "w.summary.uncontacted": "未接触",
    "w.summary.sql": "SQL",
    "w.summary.disqualified": "非SQL",
    "w.summary.undecided": "未判定",
    "w.notable.none": "該当するリードはありません。",
    "w.overdue.by_owner": "担当者別",
    "w.overdue.list": "超過の大きい順",
    "col.max_hours_overdue": "最大超過時間",
    "w.decisions.none": "今週の非SQL判定はありません。",
    "col.hours_to_first_contact": "初回接触(時間)",
    "col.attempts": "接触回数",
    "col.decision": "判定",
    "col.first_contact_status": "初回接触SLA",
    "col.decision_status": "判定SLA",
    "col.detail": "詳細",
    "col.decided_at": "判定日時",
    "col.fit": "フィット",
    "col.engagement": "エンゲージメント",
    "col.title": "役職",
    "decision.none": "未判定",
}

_EN: dict[str, str] = {
    "monthly.title": "Monthly marketing & sales review",
    "weekly.title": "Weekly MQL handoff summary",
    "no_data": "No data for this month",
    "no_data.week": "No data for this week",
    "no_data.section": "No data",
    "data_range": "Months with data: {first} to {last}",
    "data_range.none": "The warehouse has no KPIs yet.",
    "as_of": "As of",
    "generated_at": "Generated",
    "period": "Month",
    "week": "Week",
    "page": "Page",
    "contents": "Contents",
    "provisional": "provisional",
    "provisional.note": (
        "provisional = the month had not closed at as_of, or the cohort is immature "
        "(the value will still change)"
    ),
    "more_rows": "+{n} rows in the Excel workbook (sheet {sheet})",
    "month_label": "{month_name} {year}",
    "week_label": "{key} ({monday} to {sunday})",
    "unknown": "unknown",
    "unassigned": "unassigned",
    "not_entered": "(not entered)",
    "total": "Total",
    "all_company": "Company",
    "s1": "KPI scorecard",
    "s2": "MQL → SQL trend (12 months)",
    "s3": "Funnel and cohort conversion by channel",
    "s4": "Handoff SLA",
    "s5": "Not-SQL reasons and feedback",
    "s6": "Scoring review",
    "s7": "Recycling",
    "s8": "Data quality",
    "s9": "Action items",
    "s1.lead": "The KPIs of {month} against their targets; change = vs the previous month.",
    "s2.lead": (
        "Period rate (this month's SQLs / this month's MQLs) and cohort rate (share of the "
        "month's MQLs that reached SQL)."
    ),
    "s3.lead": (
        "Stage entries in the month, the month's MQL cohort by channel, and days between stages."
    ),
    "s4.lead": (
        "SLA compliance of the month's handoffs (evaluated ones), time to first contact, and "
        "open breaches."
    ),
    "s5.lead": (
        "Not-SQL reasons of the month's handoffs (Pareto) and how often reason and detail "
        "were both filled."
    ),
    "s6.lead": (
        "MQLs and MQL → SQL by fit grade (A-D) and engagement band (1-4) at the handoff: "
        "input for the quarterly MQL definition review."
    ),
    "s7.lead": "Leads waiting to be recycled (at as_of), by reason and due month.",
    "s8.lead": "Build information, quality check results and source freshness of the warehouse.",
    "s9.lead": "The KPIs off target, and what to do about them.",
    "col.kpi": "KPI",
    "col.value": "This month",
    "col.previous": "Previous",
    "col.change": "Change",
    "col.target": "Target",
    "col.status": "Status",
    "col.mature": "Final",
    "col.hint": "Action hint",
    "col.kpi_code": "KPI code",
    "col.target_min": "Target min",
    "col.target_max": "Target max",
    "status.none": "—",
    "yes": "yes",
    "no": "no",
    "col.month": "Month",
    "col.mql_count": "MQLs",
    "col.sql_from_mql": "SQLs via MQL",
    "col.sql_sgl": "SQLs sales-generated",
    "col.period_rate": "Period rate",
    "col.cohort_rate": "Cohort rate",
    "col.cohort_mature": "Cohort final",
    "chart.trend": "MQLs and MQL → SQL rate",
    "chart.target_band": "Target range",
    "chart.immature": "provisional (immature)",
    "chart.hatched": "hatched = provisional (immature cohort)",
    "col.stage": "Stage",
    "col.entries": "Entries",
    "col.from_previous": "vs previous stage",
    "col.previous_stage": "Previous stage",
    "chart.funnel": "Stage entries in {month}",
    "chart.channel": "MQL → SQL by channel ({month} cohort)",
    "col.channel": "Channel",
    "col.cohort_size": "MQLs",
    "col.sql_count": "Reached SQL",
    "col.sql_rate": "SQL rate",
    "col.won_count": "Won",
    "col.won_rate": "Won rate",
    "col.median_days_to_sql": "Median days to SQL",
    "col.is_mature": "Final",
    "velocity.title": "Days between stages, by quarter of entering the earlier stage",
    "col.from_stage": "From",
    "col.to_stage": "To",
    "col.conversions": "Moves",
    "col.median_days": "median d",
    "col.p75_days": "P75 (d)",
    "col.p90_days": "p90 d",
    "col.team": "Team",
    "col.owner": "Rep",
    "col.handoffs": "Handoffs",
    "col.evaluated": "Evaluated",
    "col.compliant": "Compliant",
    "col.compliance_rate": "SLA compliance",
    "col.median_hours": "Median h to contact",
    "col.never_contacted": "Never contacted",
    "col.first_contact_breached": "First contact breached",
    "col.decision_breached": "Decision breached",
    "chart.team": "SLA compliance by team",
    "chart.first_contact": "Time to first contact",
    "col.bucket": "Time to first contact",
    "col.share": "Share",
    "sla.reps_title": "By rep (lowest compliance first)",
    "sla.rules_title": "SLA rules (what sales agreed to)",
    "col.threshold": "Threshold",
    "col.description": "Rule",
    "col.level": "Level",
    "col.contacted": "Contacted",
    "col.score_qualified": "Score-qualified MQLs",
    "col.median_minutes": "Median min to contact",
    "col.grade_at_handoff": "Grade at handoff",
    "breaches.title": "Open SLA breaches and deadlines due soon (at as_of)",
    "breaches.summary": "{breached} breached / {due_soon} due soon",
    "breaches.none": "No open breaches.",
    "col.rule": "Rule",
    "col.hours_overdue": "Hours overdue",
    "col.lead": "Lead",
    "col.company": "Company",
    "col.escalate_to": "Escalate to",
    "col.grade": "Grade",
    "col.handoff_at": "Handed off",
    "col.deadline_at": "Deadline",
    "col.latest_activity": "Latest behaviour",
    "chart.pareto": "Not-SQL reasons (Pareto)",
    "col.reason": "Reason",
    "col.decisions": "Decisions",
    "col.cumulative": "Cumulative share",
    "col.with_detail": "With detail",
    "feedback.title": "Feedback completeness",
    "feedback.text": (
        "Of {decided} not-SQL decisions, {met} had both a reason and a detail "
        "({rate} complete). {pending} still undecided."
    ),
    "feedback.none": "No not-SQL decision on this month's handoffs yet.",
    "scoring.window": "Handoffs {first} to {last} (3 months)",
    "chart.scoring": "MQLs and SQL rate by grade (at handoff)",
    "col.mqls": "MQLs",
    "col.sqls": "SQL",
    "col.disqualified": "Not SQL",
    "col.undecided": "Undecided",
    "scoring.rules": "Grade boundaries: {fit}: {fit_grades}; {band}: {bands}.",
    "scoring.mql_rule": "MQL rule: fit score ≧ {mf} and engagement score ≧ {me}.",
    "scoring.quality": (
        "MQL quality this month (score-qualified at the handoff): {rate} ({n}/{total})"
    ),
    "scoring.hint": (
        "A grade with a low SQL rate suggests the MQL rule is too loose there; a high rate "
        "with few MQLs suggests it is too strict. Cells with many undecided handoffs will "
        "still change."
    ),
    "chart.recycle": "Leads to recycle by due month",
    "col.reason_type": "Type",
    "col.due_month": "Due month",
    "col.next_due_on": "Next due",
    "col.people": "People",
    "col.due_now": "Due now",
    "recycle.due_now": "Due now",
    "recycle.summary": "{total} leads waiting to be recycled, {due} of them due now (at as_of).",
    "dq.none": "No quality results yet (the published warehouse has no meta table).",
    "dq.build": "Build",
    "dq.checks": "Checks",
    "dq.freshness": "Source freshness",
    "dq.warnings": "Warnings",
    "dq.no_warnings": "No warnings.",
    "col.item": "Item",
    "col.value_text": "Value",
    "col.source": "Source",
    "col.newest_record": "Newest record",
    "col.landed_at": "Last landed",
    "col.age_days": "Age (days)",
    "dq.build.published_at": "Published",
    "dq.build.as_of": "As of",
    "dq.build.built_at": "Built",
    "dq.build.quality_checked_at": "Quality checked",
    "dq.build.leadfunnel_version": "leadfunnel version",
    "dq.check.quality_gate": "Quality gate",
    "dq.check.quality_expectations": "Quality expectations",
    "dq.check.quality_blocking_failures": "Blocking failures",
    "dq.check.quality_warnings": "Quality warnings",
    "dq.check.quality_docs": "Data Docs",
    "dq.check.dbt_tests": "dbt tests",
    "dq.check.dbt_tests_failed": "dbt tests failed",
    "dq.check.dbt_tests_warned": "dbt tests warned",
    "dq.passed": "passed",
    "dq.failed": "failed",
    "actions.none": "No KPI is off target.",
    "actions.provisional": "(provisional: the cohort is immature, so the rate will still rise)",
    "actions.provisional_month": "(provisional: the month had not closed at as_of)",
    "actions.item": "{kpi}: {value} (target {target})",
    "actions.extra.breaches": (
        "{n} open SLA breaches: ask the reps and their managers to act on them today."
    ),
    "actions.extra.feedback": (
        "Not-SQL feedback complete for {rate}: make reason and detail mandatory for sales."
    ),
    "col.action": "Action",
    "w1": "This week's MQL handoffs",
    "w2": "Overdue handoffs",
    "w3": "Notable leads (high score, not contacted)",
    "w4": "Quality feedback from sales (this week's not-SQL decisions)",
    "w1.lead": "MQLs handed over in {week} and their follow-up status (at as_of).",
    "w2.lead": "Undecided handoffs past their first-contact or decision deadline at as_of.",
    "w3.lead": (
        "Undecided handoffs with no contact yet whose current grade is {fits} and band {bands} "
        "(the grades that meet the MQL rule)."
    ),
    "w4.lead": "Leads judged not SQL this week, with the reason and detail.",
    "w.summary.handoffs": "Handoffs",
    "w.summary.first_contact_met": "Contacted in time",
    "w.summary.not_compliant": "SLA breached",
    "w.summary.breaches_by_rule": "breaches by rule",
    "w.rules.title": "SLA rules",
    "w.by_owner": "By team and rep (at as_of)",
    "w.handoffs.list": "Handoffs",
    "w.summary.uncontacted": "Not contacted",
    "w.summary.sql": "SQL",
    "w.summary.disqualified": "Not SQL",
    "w.summary.undecided": "Undecided",
    "w.notable.none": "No such lead.",
    "w.overdue.by_owner": "By rep",
    "w.overdue.list": "Most overdue first",
    "col.max_hours_overdue": "Max hours overdue",
    "w.decisions.none": "No not-SQL decision this week.",
    "col.hours_to_first_contact": "Hours to contact",
    "col.attempts": "Attempts",
    "col.decision": "Decision",
    "col.first_contact_status": "First-contact SLA",
    "col.decision_status": "Decision SLA",
    "col.detail": "Detail",
    "col.decided_at": "Decided",
    "col.fit": "Fit",
    "col.engagement": "Engagement",
    "col.title": "Title",
    "decision.none": "Undecided",
}

_MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

_LABELS = {"ja": _JA, "en": _EN}


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    return lang


def labels(lang: str) -> dict[str, str]:
    return _LABELS[check_lang(lang)]


def label(lang: str, key: str, default: str | None = None) -> str:
    """The label for ``key``; ``default`` (or the key) when there is none."""
    return labels(lang).get(key, key if default is None else default)


def month_short(lang: str, month: int) -> str:
    return f"{month}月" if lang == "ja" else _MONTH_NAMES[month - 1][:3]


def month_label(lang: str, year: int, month: int) -> str:
    return label(lang, "month_label").format(
        year=year, month=month, month_name=_MONTH_NAMES[month - 1]
    )
