{{ union_conformed('marketing_activities') }}
