"""Benchmarks of the running bot and the nurse queue (`neuvobot bench bot|queue`)."""
