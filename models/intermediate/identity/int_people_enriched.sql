{#
    People with their company (the CRM account when there is one, else what the person's
    own records say) and the lookups: title level, employee band, region, channel.
#}

with

people as (

    select * from {{ ref('int_people_unified') }}

),

accounts as (

    select * from {{ ref('int_accounts_enriched') }}

),

title_levels as (

    select * from {{ ref('title_levels') }}

),

distinct_titles as (

    select distinct title from people
    where title is not null

),

{# Patterns are matched once per distinct title, not once per person. #}
title_matches as (

    select
        distinct_titles.title,
        arg_min(title_levels.title_level, title_levels.priority) as title_level,
        arg_min(title_levels.title_level_rank, title_levels.priority) as title_level_rank,
        arg_min(title_levels.buying_role, title_levels.priority) as buying_role
    from distinct_titles
    inner join title_levels
        on distinct_titles.title like title_levels.title_pattern
    group by distinct_titles.title

),

with_company as (

    select
        people.*,
        accounts.account_name,
        coalesce(accounts.industry, people.industry) as company_industry,
        coalesce(accounts.number_of_employees, people.number_of_employees) as company_employees,
        coalesce(accounts.prefecture, people.prefecture) as company_prefecture
    from people
    left join accounts
        on people.account_id = accounts.account_id

),

enriched as (

    select
        with_company.person_id,
        with_company.email,
        with_company.first_name,
        with_company.last_name,
        with_company.title,
        with_company.department,
        title_matches.title_level,
        title_matches.title_level_rank,
        title_matches.buying_role,
        with_company.account_id,
        coalesce(with_company.account_name, with_company.company_name) as company_name,
        with_company.company_industry as industry,
        with_company.company_employees as number_of_employees,
        employee_bands.employee_band,
        with_company.company_prefecture as prefecture,
        prefecture_regions.region,
        with_company.phone,
        with_company.lead_source,
        coalesce(lead_source_channels.channel, 'unknown') as channel,
        coalesce(lead_source_channels.is_sales_generated, false) as is_sales_generated,
        with_company.owner_user_id,
        with_company.created_at,
        with_company.ma_record_id,
        with_company.crm_lead_record_id,
        with_company.crm_contact_record_id,
        with_company.source_record_count,
        with_company.disqualification_reason,
        with_company.disqualification_detail
    from with_company
    left join title_matches
        on with_company.title = title_matches.title
    {{ join_employee_band('with_company.company_employees', ref('employee_bands')) }}
    {{ join_region('with_company.company_prefecture', ref('prefecture_regions')) }}
    {{ join_channel('with_company.lead_source', ref('lead_source_channels')) }}

)

select * from enriched
