{# The mart of int_stage_transitions: see that model for the rules. #}

select * from {{ ref('int_stage_transitions') }}
