{# The mart of int_lead_score_history: see that model for the rules. #}

select * from {{ ref('int_lead_score_history') }}
