"""A partner portal: deploys its API from an OpenAPI file, publishes the spec, issues keys."""
