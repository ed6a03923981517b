"""The sandbox: a Telegram Bot API emulator and a browser chat page to talk to the bot with.

``entities`` parses Telegram's formatted text, ``botapi`` decodes and checks requests as the
Bot API does, ``emulator`` is the server, ``chat`` the page; ``rate_limit`` and ``fault_plan``
make it misbehave like Telegram. Nothing here imports the bot's services, handlers or storage.
"""
