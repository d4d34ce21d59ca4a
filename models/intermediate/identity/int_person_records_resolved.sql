{#
    Identity resolution: one row per source record that describes a person (cnf_person_records:
    an MA person, a CRM lead, a CRM contact), with the person it belongs to.

    1. Ids first: a converted lead belongs with its contact; an MA person belongs with the
       CRM contact or lead whose id it carries (linked_contact_id, then linked_lead_id).
    2. Then e-mail: clusters that share a normalized e-mail (trimmed, lowercase, full-width to
       half-width) are merged. The merge is propagated `identity_email_rounds` times (default 3),
       enough for chains of records that each share an address with the next.
    3. person_id = md5 of the cluster's earliest record (created_at, then MA person before
       CRM lead before contact): stable when a lead converts or a duplicate arrives later.
    Company is never an identity signal: two people at one company are two people.
#}

with

source_records as (

    select * from {{ ref('cnf_person_records') }}
    where not is_deleted

),

contacts as (

    select record_id as contact_id
    from source_records
    where record_kind = 'crm_contact'

),

{# ids first: the cluster a record's ids put it in (C: contact, L: CRM lead, M: MA person) #}
contact_records as (

    select
        record_system,
        record_id,
        record_kind,
        'C:' || record_id as id_cluster_key,
        email,
        created_at,
        3 as system_order
    from source_records
    where record_kind = 'crm_contact'

),

lead_records as (

    select
        source_records.record_system,
        source_records.record_id,
        source_records.record_kind,
        coalesce(
            'C:' || contacts.contact_id,
            'L:' || source_records.record_id
        ) as id_cluster_key,
        source_records.email,
        source_records.created_at,
        2 as system_order
    from source_records
    left join contacts
        on source_records.linked_contact_id = contacts.contact_id
    where source_records.record_kind = 'crm_lead'

),

ma_records as (

    select
        source_records.record_system,
        source_records.record_id,
        source_records.record_kind,
        coalesce(
            'C:' || contacts.contact_id,
            lead_records.id_cluster_key,
            'M:' || source_records.record_id
        ) as id_cluster_key,
        source_records.email,
        source_records.created_at,
        1 as system_order
    from source_records
    left join contacts
        on source_records.linked_contact_id = contacts.contact_id
    left join lead_records
        on source_records.linked_lead_id = lead_records.record_id
    where source_records.record_kind = 'ma_person'

),

records as (

    select * from contact_records
    union all
    select * from lead_records
    union all
    select * from ma_records

),

cluster_round_0 as (

    select
        id_cluster_key,
        id_cluster_key as cluster_key
    from records
    group by id_cluster_key

),

{% set rounds = var('identity_email_rounds', 3) %}
{% for round in range(1, rounds + 1) %}
    email_keys_{{ round }} as (

        select
            records.email,
            min(cluster_round_{{ round - 1 }}.cluster_key) as email_cluster_key
        from records
        inner join cluster_round_{{ round - 1 }}
            on records.id_cluster_key = cluster_round_{{ round - 1 }}.id_cluster_key
        where records.email is not null
        group by records.email

    ),

    cluster_round_{{ round }} as (

        select
            records.id_cluster_key,
            least(
                min(cluster_round_{{ round - 1 }}.cluster_key),
                coalesce(min(email_keys_{{ round }}.email_cluster_key), min(cluster_round_{{ round - 1 }}.cluster_key))
            ) as cluster_key
        from records
        inner join cluster_round_{{ round - 1 }}
            on records.id_cluster_key = cluster_round_{{ round - 1 }}.id_cluster_key
        left join email_keys_{{ round }}
            on records.email = email_keys_{{ round }}.email
        group by records.id_cluster_key

    ),
{% endfor %}

clustered as (

    select
        records.*,
        final_cluster.cluster_key,
        row_number() over (
            partition by final_cluster.cluster_key
            order by records.created_at nulls last, records.system_order, records.record_id
        ) as record_order
    from records
    inner join cluster_round_{{ rounds }} as final_cluster
        on records.id_cluster_key = final_cluster.id_cluster_key

),

anchors as (

    select
        cluster_key,
        md5(record_system || ':' || record_id) as person_id
    from clustered
    where record_order = 1

),

final as (

    select
        anchors.person_id,
        clustered.record_system,
        clustered.record_id,
        clustered.record_kind,
        clustered.email,
        clustered.created_at,
        clustered.record_order = 1 as is_anchor_record
    from clustered
    inner join anchors
        on clustered.cluster_key = anchors.cluster_key

)

select * from final
