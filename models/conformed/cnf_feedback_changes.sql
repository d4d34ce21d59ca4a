{{ union_conformed('feedback_changes') }}
