{{ union_conformed('sales_touches') }}
