"""The maths and the domain vocabulary of ecotalent: no HTTP, no SQL."""
