{{ union_conformed('users') }}
