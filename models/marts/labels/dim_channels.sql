{#
    The acquisition channels with their labels: one row per channel of seed
    lead_source_channels (many lead sources share a channel; the unique test on channel fails
    when they disagree on a label), plus `unknown`, the channel int_people_enriched gives a
    person whose lead source is missing or not in the seed.
#}

with

channels as (

    select distinct
        channel,
        channel_ja,
        channel_en,
        is_sales_generated
    from {{ ref('lead_source_channels') }}

),

unknown_channel as (

    select
        'unknown' as channel,
        '不明' as channel_ja,
        'Unknown' as channel_en,
        false as is_sales_generated

),

final as (

    select * from channels
    union all
    select * from unknown_channel
    where channel not in (select channels.channel from channels)

)

select * from final
