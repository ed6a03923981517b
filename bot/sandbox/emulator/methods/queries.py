"""Answers to callback queries (button presses) and inline queries."""

from __future__ import annotations

from bot.sandbox.botapi.params import Parameters, bad_request
from bot.sandbox.botapi.validation import (
    MAX_CALLBACK_ANSWER_LENGTH,
    validate_inline_results,
)
from bot.sandbox.emulator.methods.base import MethodGroup, MethodHandler

_QUERY_TOO_OLD = "query is too old and response timeout expired or query ID is invalid"


class QueryMethods(MethodGroup):
    def handlers(self) -> dict[str, MethodHandler]:
        return {
            "answerCallbackQuery": self.answer_callback_query,
            "answerInlineQuery": self.answer_inline_query,
        }

    async def answer_callback_query(self, params: Parameters) -> bool:
        query_id = params.string("callback_query_id", required=True) or ""
        if query_id not in self.state.open_callback_queries:
            raise bad_request(_QUERY_TOO_OLD)
        text = params.string("text")
        if text is not None and len(text) > MAX_CALLBACK_ANSWER_LENGTH:
            raise bad_request("MESSAGE_TOO_LONG")
        self.state.open_callback_queries.discard(query_id)
        answer = dict(params.values)
        self.state.callback_answers[query_id] = answer
        await self.state.emit("callback_answer", answer)
        await self.state.notify()
        return True

    async def answer_inline_query(self, params: Parameters) -> bool:
        query_id = params.string("inline_query_id", required=True) or ""
        if query_id not in self.state.open_inline_queries:
            raise bad_request(_QUERY_TOO_OLD)
        results = validate_inline_results(params.json_array("results", required=True) or [])
        self.state.open_inline_queries.discard(query_id)
        answer = {**params.values, "results": results}
        self.state.inline_answers[query_id] = answer
        await self.state.emit("inline_answer", answer)
        await self.state.notify()
        return True
