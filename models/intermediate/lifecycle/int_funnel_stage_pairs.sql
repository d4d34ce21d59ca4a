{#
    Every (person, cycle) entry into a success-path stage paired with every later stage of the
    profile: whether the person reached it in the same cycle, and how many days it took.
    The population of the cohort conversion and velocity reports.
#}

with

entries as (

    select * from {{ ref('int_funnel_stage_entries') }}

),

{# every later stage of the profile, also one nobody has reached yet (0 conversions, not no row) #}
later_stages as (

    select
        stage,
        stage_order
    from {{ ref('funnel_stages') }}
    where is_success_path and in_{{ var('funnel_profile') }}

),

final as (

    select
        from_entries.person_id,
        from_entries.cycle,
        from_entries.stage as from_stage,
        later_stages.stage as to_stage,
        from_entries.entered_at as from_entered_at,
        to_entries.entered_at as to_entered_at,
        from_entries.entered_month,
        from_entries.entered_quarter,
        {%- for segment_type, _ in funnel_segments() %}
            from_entries.segment_{{ segment_type }},
        {%- endfor %}
        to_entries.entered_at is not null as is_converted,
        greatest(0, {{ fractional_days('from_entries.entered_at', 'to_entries.entered_at') }}) as days_to_convert
    from entries as from_entries
    inner join later_stages
        on from_entries.stage_order < later_stages.stage_order
    left join entries as to_entries
        on from_entries.person_id = to_entries.person_id
            and from_entries.cycle = to_entries.cycle
            and later_stages.stage = to_entries.stage

)

select * from final
