"""The HTTP edge: app factory, settings, authentication, error mapping, REST controllers, CLI."""
