{#
    Every piece of evidence that a person entered a stage, before cycles, skips and
    de-duplication (fct_stage_transitions does those):

    - status_history and conversion (cnf_stage_evidence): status changes and initial statuses
      of every source, mapped through seed stage_mappings (source_system, field, value), and
      conversions (sql). A value of a known status field that the seed does not map is an entry
      into the side stage `unmapped` (until the seed maps it); other fields are not evidence. An entry by a tool that is not the system of record for the status
      (the MA's synced Lead Status) within `status_sync_window_minutes` of a system-of-record
      entry into the same stage is the same entry synced between the tools, and is dropped.
    - creation: every person is a lead from their first record's creation (evidence
      status_history, the record's own history).
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

{# the status fields stage_mappings knows, per tool: a value of one of them is stage evidence #}
status_fields as (

    select distinct
        source_system,
        field_key
    from stage_mappings

),

source_evidence as (

    select
        person_records.person_id,
        {# a status value the seed does not map yet is the side stage unmapped, until it does #}
        coalesce(evidence.stage, stage_mappings.stage, 'unmapped') as stage,
        evidence.evidenced_at as entered_at,
        evidence.evidence,
        evidence.source_system,
        evidence.source_value,
        evidence.evidence_id as source_event_id,
        evidence.is_system_of_record
    from {{ ref('cnf_stage_evidence') }} as evidence
    inner join person_records
        on evidence.record_system = person_records.record_system
            and evidence.record_id = person_records.record_id
    left join stage_mappings
        on evidence.stage is null
            and evidence.source_system = stage_mappings.source_system
            and lower(trim(evidence.field)) = stage_mappings.field_key
            and lower(trim(evidence.source_value)) = stage_mappings.value_key
    left join status_fields
        on evidence.source_system = status_fields.source_system
            and lower(trim(evidence.field)) = status_fields.field_key
    where evidence.stage is not null
        or stage_mappings.stage is not null
        or (status_fields.field_key is not null and nullif(trim(evidence.source_value), '') is not null)

),

{# a status change in the system of record for that status (the CRM) #}
system_of_record_events as (

    select * from source_evidence
    where is_system_of_record and evidence = 'status_history'

),

{# every other piece of source evidence, unless it is a synced copy of a system-of-record entry #}
source_stage_events as (

    select
        person_id,
        stage,
        entered_at,
        evidence,
        source_system,
        source_value,
        source_event_id
    from source_evidence
    where is_system_of_record
        or not exists (
            select 1
            from system_of_record_events
            where system_of_record_events.person_id = source_evidence.person_id
                and system_of_record_events.stage = source_evidence.stage
                and abs(epoch(system_of_record_events.entered_at) - epoch(source_evidence.entered_at))
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

opportunity_events as (

    select
        person_id,
        'opportunity' as stage,
        created_at as entered_at,
        'opportunity' as evidence,
        source_system,
        stage_name as source_value,
        'opportunity:' || opportunity_id as source_event_id
    from opportunities

    union all

    select
        person_id,
        'customer' as stage,
        won_at as entered_at,
        'opportunity' as evidence,
        source_system,
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
        source_system,
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
    from {{ ref('int_lead_score_history') }}

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

    select * from source_stage_events
    union all
    select * from creation_events
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
