{{ union_conformed('accounts') }}
