{#
    Which Marketo lead each lead id is now: itself, the winner it was merged into (followed
    through up to three merges), or nothing when it (or its winner) was deleted. The Marketo
    conformed models read activities and status changes of merged leads as the winner's, and
    leave deleted leads out. Only merges and deletions up to as_of count.
#}

with

leads as (

    select marketo_lead_id from {{ ref('stg_marketo__leads') }}
    union
    select merged_lead_id from {{ ref('stg_marketo__lead_merges') }}

),

merges as (

    select
        merged_lead_id,
        arg_max(winning_lead_id, merged_at) as winning_lead_id
    from {{ ref('stg_marketo__lead_merges') }}
    where merged_at <= {{ as_of() }}
    group by merged_lead_id

),

deletions as (

    select distinct marketo_lead_id
    from {{ ref('stg_marketo__lead_deletions') }}
    where deleted_at <= {{ as_of() }}

),

followed as (

    select
        leads.marketo_lead_id,
        coalesce(third.winning_lead_id, second.winning_lead_id, first.winning_lead_id, leads.marketo_lead_id)
            as surviving_lead_id
    from leads
    left join merges as first
        on leads.marketo_lead_id = first.merged_lead_id
    left join merges as second
        on first.winning_lead_id = second.merged_lead_id
    left join merges as third
        on second.winning_lead_id = third.merged_lead_id

)

select
    followed.marketo_lead_id,
    case when deletions.marketo_lead_id is null then followed.surviving_lead_id end as surviving_lead_id,
    followed.marketo_lead_id <> followed.surviving_lead_id as is_merged,
    deletions.marketo_lead_id is not null as is_deleted
from followed
left join deletions
    on followed.surviving_lead_id = deletions.marketo_lead_id
