{#
    Opportunities (cnf_opportunities) with the person they came from: the first candidate of
    cnf_opportunity_people (by link_rank: the lead converted into it, earliest first, then the
    primary contact role, then the earliest role) that resolves to a person.
#}

with

opportunities as (

    select * exclude (is_deleted)
    from {{ ref('cnf_opportunities') }}
    where not is_deleted

),

person_records as (

    select
        person_id,
        record_system,
        record_id
    from {{ ref('int_person_records_resolved') }}

),

opportunity_people as (

    select
        links.opportunity_id,
        arg_min(person_records.person_id, links.link_rank) as person_id
    from {{ ref('cnf_opportunity_people') }} as links
    inner join person_records
        on links.record_system = person_records.record_system
            and links.record_id = person_records.record_id
    group by links.opportunity_id

),

final as (

    select
        opportunities.*,
        opportunity_people.person_id
    from opportunities
    left join opportunity_people
        on opportunities.opportunity_id = opportunity_people.opportunity_id

)

select * from final
