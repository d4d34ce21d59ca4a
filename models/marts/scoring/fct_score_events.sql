{# The mart of int_score_events: see that model for the rules. #}

select * from {{ ref('int_score_events') }}
