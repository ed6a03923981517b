"""setWebhook, deleteWebhook and getWebhookInfo: registering where updates are pushed instead."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from bot.sandbox.botapi.params import JsonDict, Parameters, bad_request
from bot.sandbox.emulator.methods.base import MethodGroup, MethodHandler

_SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


class WebhookMethods(MethodGroup):
    def handlers(self) -> dict[str, MethodHandler]:
        return {
            "setWebhook": self.set_webhook,
            "deleteWebhook": self.delete_webhook,
            "getWebhookInfo": self.get_webhook_info,
        }

    async def set_webhook(self, params: Parameters) -> bool:
        url = params.string("url") or ""
        if not url:
            return await self.delete_webhook(params)
        parts = urlsplit(url)
        # Telegram wants HTTPS; plain HTTP on loopback lets tests reach a bot on this machine.
        local = parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS
        if not parts.hostname or (parts.scheme != "https" and not local):
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        secret = params.string("secret_token")
        if secret is not None and not _SECRET_TOKEN.fullmatch(secret):
            raise bad_request("secret token contains unallowed characters")
        allowed = params.json_array("allowed_updates")
        if allowed is not None:
            self.state.set_allowed_updates(allowed)
        if params.flag("drop_pending_updates"):
            self.state.updates.clear()
        max_connections = params.integer("max_connections", default=40) or 40
        if not 1 <= max_connections <= 100:
            raise bad_request("bad webhook: max_connections must be between 1 and 100")
        self.state.webhook = {
            "url": url,
            "secret_token": secret,
            "max_connections": max_connections,
        }
        await self.state.notify()
        return True

    async def delete_webhook(self, params: Parameters) -> bool:
        self.state.webhook = None
        if params.flag("drop_pending_updates"):
            self.state.updates.clear()
        await self.state.notify()
        return True

    async def get_webhook_info(self, _params: Parameters) -> JsonDict:
        webhook = self.state.webhook
        info: JsonDict = {
            "url": webhook["url"] if webhook else "",
            "has_custom_certificate": False,
            "pending_update_count": len(self.state.updates),
        }
        if webhook:
            info["max_connections"] = webhook["max_connections"]
            info["allowed_updates"] = sorted(self.state.allowed_updates)
            if self.state.webhook_error is not None:
                info["last_error_date"], info["last_error_message"] = self.state.webhook_error
        return info
