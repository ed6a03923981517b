// The compose box: sending text (queued while offline), the /start payload, Enter and Shift+Enter.

import { closeCommands, commandButtons, openCommands } from "./commands.js";
import { transmit } from "./connection.js";
import { ui } from "./dom.js";
import { closeInline, inlinePending, onComposeChanged, pickFirst } from "./inline.js";
import { showToast } from "./notices.js";
import { state } from "./state.js";
import { t } from "./strings.js";

const START_PAYLOAD = /^[A-Za-z0-9_-]{1,64}$/;

export function sendText(text) {
  if (!text || !text.trim()) return;
  const frame = { type: "send", text };
  if (!state.connected || !transmit(frame)) {
    state.outbox.push(frame);
    showToast(t("queued"));
  }
}

export function flushOutbox() {
  while (state.outbox.length && state.connected) {
    if (!transmit(state.outbox[0])) return;
    state.outbox.shift();
  }
}

export function prefill(query) {
  ui.input.value = `@${state.bot.username} ${query}`;
  autosize();
  ui.input.focus();
  ui.input.setSelectionRange(ui.input.value.length, ui.input.value.length);
  onComposeChanged(ui.input.value);
}

export function sendStartPayload() {
  if (state.startPayload === null || state.view !== "private") return;
  const payload = state.startPayload;
  state.startPayload = null;
  sendText(START_PAYLOAD.test(payload) ? `/start ${payload}` : "/start");
}

function submitInput() {
  const text = ui.input.value;
  if (!text.trim()) return;
  if (inlinePending()) {
    // "@bot query" is a search, not a message: send the first result, or say how it works.
    if (!pickFirst()) showToast(t("inlineHint", { bot: state.bot.username }));
    return;
  }
  sendText(text);
  ui.input.value = "";
  autosize();
  closeCommands(false);
}

export function autosize() {
  ui.input.style.height = "auto";
  ui.input.style.height = `${Math.min(ui.input.scrollHeight, 160)}px`;
}

export function wireComposer() {
  ui.composer.addEventListener("submit", (event) => {
    event.preventDefault();
    submitInput();
  });

  ui.input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submitInput();
    } else if (event.key === "Escape" && state.commandsOrigin) {
      event.preventDefault();
      closeCommands(false);
    } else if (event.key === "Escape" && !ui.inlineResults.hidden) {
      event.preventDefault();
      closeInline();
    } else if ((event.key === "ArrowUp" || event.key === "ArrowDown") && state.commandsOrigin) {
      const buttons = commandButtons();
      if (buttons.length) {
        event.preventDefault();
        (event.key === "ArrowUp" ? buttons[buttons.length - 1] : buttons[0]).focus();
      }
    }
  });

  ui.input.addEventListener("input", () => {
    autosize();
    const value = ui.input.value;
    if (/^\/\S*$/.test(value)) openCommands("input");
    else if (state.commandsOrigin === "input") closeCommands(false);
    onComposeChanged(value);
  });

  ui.startButton.addEventListener("click", () => {
    sendText("/start");
    ui.input.focus();
  });
}
