"""Escalation to the clinic nurses: teams, cases and the queue (the NeuvolaChat model)."""
