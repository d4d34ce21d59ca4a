with

source as (

    select *
    from {{ raw_source(source('salesforce', 'lead'), 'salesforce', 'lead') }} as raw_table

),

renamed as (

    select
        ---------- ids
        cast(id as varchar) as lead_id,
        {{ clean_text('owner_id') }} as owner_user_id,
        {{ clean_text('converted_account_id') }} as converted_account_id,
        {{ clean_text('converted_contact_id') }} as converted_contact_id,
        {{ clean_text('converted_opportunity_id') }} as converted_opportunity_id,

        ---------- person and company
        {{ clean_text('email') }} as email_raw,
        {{ normalize_email('email') }} as email,
        {{ clean_text('first_name') }} as first_name,
        {{ clean_text('last_name') }} as last_name,
        {{ clean_text('company') }} as company_name,
        {{ clean_text('title') }} as title,
        {{ clean_text('industry') }} as industry,
        cast(number_of_employees as bigint) as number_of_employees,
        cast(annual_revenue as double) as annual_revenue,
        {{ clean_text('state') }} as prefecture,
        {{ clean_text('country') }} as country,
        {{ clean_text('phone') }} as phone,

        ---------- funnel
        {{ clean_text('lead_source') }} as lead_source,
        {{ clean_text('status') }} as status,
        {{ clean_text('disqualification_reason_c') }} as disqualification_reason,
        {{ clean_text('disqualification_detail_c') }} as disqualification_detail,

        ---------- booleans
        coalesce(cast(is_converted as boolean), false) as is_converted,
        cast(bant_budget_c as boolean) as has_bant_budget,
        cast(bant_authority_c as boolean) as has_bant_authority,
        cast(bant_need_c as boolean) as has_bant_need,
        cast(bant_timeline_c as boolean) as has_bant_timeline,

        ---------- dates and timestamps
        cast(converted_date as date) as converted_date,
        cast(created_date as timestamp) as created_at

    from source
    where not coalesce(cast(is_deleted as boolean), false)

)

select * from renamed
