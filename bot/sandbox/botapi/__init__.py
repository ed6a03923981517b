"""The Bot API's request side: parameters as Telegram decodes them, errors as it words them,
and the checks it makes on texts, keyboards, commands and inline results."""
