"""The Telegram channel (aiogram 3): a thin adapter over the conversation core."""
