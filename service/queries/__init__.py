"""All SQL lives here. Functions take an open connection and never commit: the caller owns the transaction."""
