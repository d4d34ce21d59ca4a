with

source as (

    select *
    from {{ raw_source(source('marketo', 'program'), 'marketo', 'program') }} as raw_table

),

renamed as (

    select
        cast(id as bigint) as program_id,
        {{ clean_text('name') }} as program_name,
        {{ clean_text('type') }} as program_type,
        lower({{ clean_text('channel') }}) as program_channel,
        cast(start_date as date) as start_date,
        cast(end_date as date) as end_date,
        cast(created_at as timestamp) as created_at

    from source
    where not coalesce(cast(_fivetran_deleted as boolean), false)

)

select * from renamed
