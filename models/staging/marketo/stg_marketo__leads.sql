with

source as (

    select *
    from {{ raw_source(source('marketo', 'lead'), 'marketo', 'lead') }} as raw_table

),

renamed as (

    select
        ---------- ids
        cast(id as bigint) as marketo_lead_id,
        {{ clean_text('sfdc_lead_id') }} as salesforce_lead_id,
        {{ clean_text('sfdc_contact_id') }} as salesforce_contact_id,
        {{ clean_text('sfdc_account_id') }} as salesforce_account_id,
        {{ clean_text('sfdc_type') }} as salesforce_type,

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
        {{ clean_text('lead_source') }} as lead_source,

        ---------- booleans
        coalesce(cast(unsubscribed as boolean), false) as is_unsubscribed,
        coalesce(cast(email_invalid as boolean), false) as is_email_invalid,

        ---------- timestamps
        cast(created_at as timestamp) as created_at,
        cast(updated_at as timestamp) as updated_at

    from source

)

select * from renamed
