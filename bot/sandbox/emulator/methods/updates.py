"""getMe, getUpdates (the long poll) and logOut/close: who the bot is and what happened."""

from __future__ import annotations

import asyncio
from itertools import islice

from bot.sandbox.botapi.params import ApiError, JsonDict, Parameters
from bot.sandbox.emulator.methods.base import MethodGroup, MethodHandler

MAX_POLL_TIMEOUT = 50


class UpdateMethods(MethodGroup):
    def handlers(self) -> dict[str, MethodHandler]:
        return {
            "getMe": self.get_me,
            "getUpdates": self.get_updates,
            "logOut": self.log_out,
            "close": self.log_out,
        }

    async def get_me(self, _params: Parameters) -> JsonDict:
        return {
            **self.state.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": not self.state.group_privacy,
            "supports_inline_queries": True,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def get_updates(self, params: Parameters) -> list[JsonDict]:
        state = self.state
        if state.webhook is not None:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = params.integer("offset")
        limit = min(max(params.integer("limit", default=100) or 100, 1), 100)
        timeout = min(max(params.integer("timeout", default=0) or 0, 0), MAX_POLL_TIMEOUT)
        allowed = params.json_array("allowed_updates")
        if allowed is not None:
            state.set_allowed_updates(allowed)
        if offset is not None:
            state.confirm_updates(offset)
        # A newer getUpdates call terminates an older one that is still waiting.
        state.poll_generation += 1
        generation = state.poll_generation
        await state.notify()
        if not state.updates and timeout > 0 and not state.closing:
            try:
                async with asyncio.timeout(timeout), state.changed:
                    await state.changed.wait_for(
                        lambda: (
                            bool(state.updates)
                            or state.closing
                            or generation != state.poll_generation
                        )
                    )
            except TimeoutError:
                pass
        if generation != state.poll_generation:
            raise ApiError(
                409,
                "Conflict: terminated by other getUpdates request; "
                "make sure that only one bot instance is running",
            )
        return list(islice(state.updates, limit))

    async def log_out(self, _params: Parameters) -> bool:
        return True
