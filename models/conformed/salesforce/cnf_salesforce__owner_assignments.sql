{#
    Who owned each Salesforce lead when, from the lead history's owner changes. Salesforce
    writes two rows per owner change (the names and the ids); only rows whose new value is a
    user id count. One row per change (valid_from = the change), plus one row per lead for the
    owner before its first change (valid_from null, valid_to = the first change).
#}

with

users as (

    select user_id from {{ ref('stg_salesforce__users') }}

),

changes as (

    select
        histories.lead_id,
        histories.changed_at,
        histories.old_value,
        histories.new_value
    from {{ ref('stg_salesforce__lead_histories') }} as histories
    inner join users
        on histories.new_value = users.user_id
    where lower(histories.field_name) in ('owner', 'ownerid', 'owner_id')

),

intervals as (

    select
        lead_id,
        new_value as owner_user_id,
        changed_at as valid_from,
        lead(changed_at) over (partition by lead_id order by changed_at, new_value) as valid_to
    from changes

    union all

    select
        lead_id,
        arg_min(old_value, changed_at) as owner_user_id,
        cast(null as timestamp) as valid_from,
        min(changed_at) as valid_to
    from changes
    group by lead_id

)

select
    'salesforce' as source_system,
    'salesforce_lead' as record_system,
    lead_id as record_id,
    owner_user_id,
    valid_from,
    valid_to
from intervals
