"""The store's records: one module per Box object type, each with its SQL and Box's views."""
