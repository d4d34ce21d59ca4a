{#
    Marketo's "Merge Leads" activities, one row per merged (losing) lead: Marketo keeps the
    winner (lead_id) and deletes the leads listed in merge_ids (written like `[123,456]`).
#}

with

source as (

    select *
    from
        {{ raw_source(
            source('marketo', 'activity_merge_leads'), 'marketo', 'activity_merge_leads'
        ) }} as raw_table

),

merged_ids as (

    select
        cast(source.id as bigint) as activity_id,
        cast(source.lead_id as bigint) as winning_lead_id,
        cast(source.activity_date as timestamp) as merged_at,
        try_cast(trim(merged.merged_id) as bigint) as merged_lead_id
    from source
    cross join
        unnest(string_split(regexp_replace(coalesce(source.merge_ids, ''), '[\[\]\s]', '', 'g'), ','))
            as merged (merged_id)

)

select * from merged_ids
where merged_lead_id is not null and merged_lead_id <> winning_lead_id
