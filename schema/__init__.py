"""The GraphQL tree: types, queries, mutations, DataLoaders, permissions and error types."""
