{{ union_conformed('stage_evidence') }}
