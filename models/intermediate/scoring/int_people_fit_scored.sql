{#
    Fit (attribute) score per person: the sum of the points of every rule in seed
    `fit_score_rules` that matches one of the person's current attributes. Any column of
    int_people_enriched can be a rule's dimension. Fit uses the attributes as they are now
    (there is no attribute history), so it is constant over the person's score history.
#}

with

people as (

    select * from {{ ref('int_people_enriched') }}

),

entities as (

    select
        person_id as entity_id,
        people.* exclude (person_id)
    from people

),

matches as (

    select * from {{ fit_rule_matches('entities', ref('fit_score_rules')) }}

),

per_person as (

    select
        entity_id as person_id,
        sum(points) as fit_score,
        list(rule_id order by rule_id) as fit_rule_ids
    from matches
    group by entity_id

),

final as (

    select
        people.person_id,
        cast(coalesce(per_person.fit_score, 0) as integer) as fit_score,
        coalesce(per_person.fit_rule_ids, []) as fit_rule_ids
    from people
    left join per_person
        on people.person_id = per_person.person_id

)

select * from final
