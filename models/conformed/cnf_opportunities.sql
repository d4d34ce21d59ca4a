{{ union_conformed('opportunities') }}
