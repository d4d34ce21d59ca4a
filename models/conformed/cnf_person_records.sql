{{ union_conformed('person_records') }}
