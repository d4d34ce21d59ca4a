{{ union_conformed('opportunity_people') }}
