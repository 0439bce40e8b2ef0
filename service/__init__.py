"""ecotalent: the HTTP API, storage, pages and command line."""
