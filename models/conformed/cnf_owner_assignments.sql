{{ union_conformed('owner_assignments') }}
