{#
    Handoff figures for the company, each team and each owner (rpt_sla_compliance_monthly,
    rpt_handoffs_weekly): group `handoff_levels_grouping(period)` over rows carrying team,
    owner_user_id and the owner's team_ja, owner_name and manager_name, and select
    `handoff_level_columns()`:
    level (all, team, owner), level_value (all, the team, the owner's user id; unassigned when
    missing), and, where the level has one, team, team_ja, owner_name and manager_name.
#}

{% macro handoff_levels_grouping(period) -%}
    grouping sets (({{ period }}), ({{ period }}, team), ({{ period }}, team, owner_user_id))
{%- endmacro %}

{% macro handoff_level_columns() -%}
    case
        when grouping(owner_user_id) = 0 then 'owner'
        when grouping(team) = 0 then 'team'
        else 'all'
    end as level,
    case
        when grouping(owner_user_id) = 0 then coalesce(owner_user_id, 'unassigned')
        when grouping(team) = 0 then coalesce(team, 'unassigned')
        else 'all'
    end as level_value,
    case when grouping(team) = 0 then team end as team,
    case when grouping(team) = 0 then any_value(team_ja) end as team_ja,
    case when grouping(owner_user_id) = 0 then any_value(owner_name) end as owner_name,
    case when grouping(owner_user_id) = 0 then any_value(manager_name) end as manager_name
{%- endmacro %}

{#
    The handoffs with their owner's name, manager and team label, for handoff_level_columns():
    `handoffs` and `users` are the relations (ref('fct_mql_handoffs'), ref('dim_users')).
#}
{% macro handoffs_with_owner_names(handoffs, users) -%}
    select
        handoffs.*,
        users.user_name as owner_name,
        users.manager_name,
        users.team_ja
    from {{ handoffs }} as handoffs
    left join {{ users }} as users
        on handoffs.owner_user_id = users.user_id
{%- endmacro %}
