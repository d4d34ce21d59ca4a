{#
    Every piece of evidence that a person entered a stage, before cycles, skips and
    de-duplication (fct_stage_transitions does those):

    - status_history: Salesforce lead `Status` changes and Marketo `Lead Status` changes,
      mapped through seed stage_mappings; plus each Salesforce lead's initial status at its
      creation (the old value of its first Status change, else its current status). A Marketo
      entry within `status_sync_window_minutes` of a Salesforce entry into the same stage is
      the same entry synced between the tools, and is dropped: the CRM is the system of record.
    - creation: every person is a lead from their first record's creation (evidence
      status_history, the record's own history).
    - conversion: a converted lead reached sql at its opportunity's creation (else at the
      conversion date, 00:00 JST).
    - opportunity: opportunity created -> opportunity; won -> customer; lost -> lost.
    - score: each time the person's score becomes MQL-qualified (used per var mql_source).
    Events after as_of are ignored.
#}

{%- set mql_source = var('mql_source') %}
{%- if mql_source not in ('system', 'score', 'earliest') %}
    {{ exceptions.raise_compiler_error("var mql_source must be system, score or earliest, not '" ~ mql_source ~ "'") }}
{%- endif %}

with

person_records as (

    select
        person_id,
        record_system,
        record_id
    from {{ ref('int_person_records_resolved') }}

),

people as (

    select
        person_id,
        created_at,
        is_sales_generated
    from {{ ref('int_people_enriched') }}

),

stage_mappings as (

    select
        source_system,
        lower(trim(field)) as field_key,
        lower(trim(value)) as value_key,
        stage
    from {{ ref('stage_mappings') }}

),

salesforce_leads as (

    select * from {{ ref('stg_salesforce__leads') }}

),

salesforce_status_changes as (

    select
        lead_id,
        changed_at,
        old_value,
        new_value,
        lead_history_id
    from {{ ref('stg_salesforce__lead_histories') }}
    where lower(field_name) = 'status'

),

initial_statuses as (

    select
        salesforce_leads.lead_id,
        salesforce_leads.created_at as changed_at,
        coalesce(
            arg_min(salesforce_status_changes.old_value, salesforce_status_changes.changed_at),
            any_value(salesforce_leads.status)
        ) as status
    from salesforce_leads
    left join salesforce_status_changes
        on salesforce_leads.lead_id = salesforce_status_changes.lead_id
    group by salesforce_leads.lead_id, salesforce_leads.created_at

),

salesforce_status_events as (

    select
        lead_id,
        changed_at,
        new_value as status,
        'salesforce:' || lead_history_id as source_event_id
    from salesforce_status_changes

    union all

    select
        lead_id,
        changed_at,
        status,
        'salesforce:initial:' || lead_id as source_event_id
    from initial_statuses

),

salesforce_stage_events as (

    select
        person_records.person_id,
        stage_mappings.stage,
        events.changed_at as entered_at,
        'status_history' as evidence,
        'salesforce' as source_system,
        events.status as source_value,
        events.source_event_id
    from salesforce_status_events as events
    inner join person_records
        on person_records.record_system = 'salesforce_lead'
            and events.lead_id = person_records.record_id
    inner join stage_mappings
        on stage_mappings.source_system = 'salesforce'
            and stage_mappings.field_key = 'status'
            and lower(trim(events.status)) = stage_mappings.value_key

),

marketo_stage_events as (

    select
        person_records.person_id,
        stage_mappings.stage,
        changes.activity_at as entered_at,
        'status_history' as evidence,
        'marketo' as source_system,
        changes.new_value as source_value,
        'marketo:' || cast(changes.activity_id as varchar) as source_event_id
    from {{ ref('stg_marketo__activity_change_data_values') }} as changes
    inner join person_records
        on person_records.record_system = 'marketo_lead'
            and cast(changes.marketo_lead_id as varchar) = person_records.record_id
    inner join stage_mappings
        on stage_mappings.source_system = 'marketo'
            and lower(trim(changes.field_name)) = stage_mappings.field_key
            and lower(trim(changes.new_value)) = stage_mappings.value_key

),

marketo_only_events as (

    select marketo_stage_events.*
    from marketo_stage_events
    where not exists (
            select 1
            from salesforce_stage_events
            where salesforce_stage_events.person_id = marketo_stage_events.person_id
                and salesforce_stage_events.stage = marketo_stage_events.stage
                and abs(epoch(salesforce_stage_events.entered_at) - epoch(marketo_stage_events.entered_at))
                <= {{ var('status_sync_window_minutes') }} * 60
        )

),

creation_events as (

    select
        person_id,
        'lead' as stage,
        created_at as entered_at,
        'status_history' as evidence,
        'leadfunnel' as source_system,
        'created' as source_value,
        'created:' || person_id as source_event_id
    from people
    where created_at is not null

),

all_opportunities as (

    select * from {{ ref('int_opportunities_enriched') }}
    where person_id is not null

),

{# Opportunities opened after the person's first win are expansion deals, not funnel stages. #}
first_wins as (

    select
        person_id,
        min(won_at) as first_won_at
    from all_opportunities
    group by person_id

),

opportunities as (

    select all_opportunities.*
    from all_opportunities
    left join first_wins
        on all_opportunities.person_id = first_wins.person_id
    where first_wins.first_won_at is null
        or all_opportunities.created_at <= first_wins.first_won_at

),

conversion_events as (

    select
        person_records.person_id,
        'sql' as stage,
        case
            {# the opportunity's creation is the precise moment, unless it is after as_of #}
            when opportunities.created_at <= {{ as_of() }} then opportunities.created_at
            else {{ from_business_time('cast(salesforce_leads.converted_date as timestamp)') }}
        end as entered_at,
        'conversion' as evidence,
        'salesforce' as source_system,
        'converted' as source_value,
        'conversion:' || salesforce_leads.lead_id as source_event_id
    from salesforce_leads
    inner join person_records
        on person_records.record_system = 'salesforce_lead'
            and salesforce_leads.lead_id = person_records.record_id
    left join {{ ref('int_opportunities_enriched') }} as opportunities
        on salesforce_leads.converted_opportunity_id = opportunities.opportunity_id
    where salesforce_leads.is_converted

),

opportunity_events as (

    select
        person_id,
        'opportunity' as stage,
        created_at as entered_at,
        'opportunity' as evidence,
        'salesforce' as source_system,
        stage_name as source_value,
        'opportunity:' || opportunity_id as source_event_id
    from opportunities

    union all

    select
        person_id,
        'customer' as stage,
        won_at as entered_at,
        'opportunity' as evidence,
        'salesforce' as source_system,
        stage_name as source_value,
        'won:' || opportunity_id as source_event_id
    from opportunities
    where won_at is not null

    union all

    select
        person_id,
        'lost' as stage,
        lost_at as entered_at,
        'opportunity' as evidence,
        'salesforce' as source_system,
        coalesce(loss_reason, stage_name) as source_value,
        'lost:' || opportunity_id as source_event_id
    from opportunities
    where lost_at is not null

),

score_history as (

    select
        person_id,
        valid_from,
        is_mql_qualified,
        lag(is_mql_qualified, 1, false) over (partition by person_id order by valid_from) as was_qualified
    from {{ ref('fct_lead_score_history') }}

),

{# score_events is used when var mql_source is score or earliest #}
score_events as (  -- noqa: ST03

    select
        person_id,
        'mql' as stage,
        valid_from as entered_at,
        'score' as evidence,
        'leadfunnel' as source_system,
        'score qualified' as source_value,
        'score:' || person_id || ':' || cast(valid_from as varchar) as source_event_id
    from score_history
    where is_mql_qualified
        and not was_qualified
        {# sales found SGLs itself: a score crossing does not make them MQLs #}
        and score_history.person_id not in (
            select people.person_id from people
            where people.is_sales_generated
        )

),

unioned as (

    select * from salesforce_stage_events
    union all
    select * from marketo_only_events
    union all
    select * from creation_events
    union all
    select * from conversion_events
    union all
    select * from opportunity_events
    {%- if mql_source in ('score', 'earliest') %}
    union all
    select * from score_events
    {%- endif %}

),

final as (

    select *
    from unioned
    where entered_at is not null
        and entered_at <= {{ as_of() }}
    {%- if mql_source == 'score' %}
        and not (stage = 'mql' and evidence = 'status_history')
        {%- endif %}

)

select * from final
