with

source as (

    select *
    from
        {{ raw_source(
            source('salesforce', 'opportunity_contact_role'), 'salesforce', 'opportunity_contact_role'
        ) }} as raw_table

),

renamed as (

    select
        cast(id as varchar) as opportunity_contact_role_id,
        cast(opportunity_id as varchar) as opportunity_id,
        cast(contact_id as varchar) as contact_id,
        {{ clean_text('role') }} as contact_role,
        coalesce(cast(is_primary as boolean), false) as is_primary

    from source

)

select * from renamed
