// Inline keyboards under bot messages: callback presses, their answers, links and inline queries.

import { prefill } from "./compose.js";
import { transmit } from "./connection.js";
import { externalLink, make, safeUrl, srOnly } from "./dom.js";
import { showAlert, showToast } from "./notices.js";
import { state } from "./state.js";
import { t } from "./strings.js";

const PRESS_TIMEOUT_MS = 15000;

export function renderKeyboard(message) {
  const rows = message.reply_markup && message.reply_markup.inline_keyboard;
  if (!Array.isArray(rows) || rows.length === 0) return null;
  const keyboard = make("div", "keyboard");
  keyboard.setAttribute("role", "group");
  keyboard.setAttribute("aria-label", t("keyboardLabel"));
  for (const row of rows) {
    if (!Array.isArray(row)) continue;
    const line = make("div", "keyboard-row");
    for (const button of row) {
      if (button && typeof button === "object") line.append(keyboardButton(message, button));
    }
    keyboard.append(line);
  }
  return keyboard;
}

function keyboardButton(message, spec) {
  const label = String(spec.text ?? "");
  if (typeof spec.url === "string") {
    const href = safeUrl(spec.url);
    if (href) {
      const link = externalLink(href, "key key-link");
      link.append(document.createTextNode(label), srOnly(` ${t("opensLink")}`));
      return link;
    }
  }
  const button = make("button", "key", label);
  button.type = "button";
  if (typeof spec.callback_data === "string") {
    button.addEventListener("click", () => press(message.message_id, spec.callback_data, button));
  } else if (typeof spec.switch_inline_query === "string") {
    button.addEventListener("click", () => prefill(spec.switch_inline_query));
  } else if (typeof spec.switch_inline_query_current_chat === "string") {
    button.addEventListener("click", () => prefill(spec.switch_inline_query_current_chat));
  } else if (spec.switch_inline_query_chosen_chat) {
    const query = String(spec.switch_inline_query_chosen_chat.query || "");
    button.addEventListener("click", () => prefill(query));
  } else if (spec.copy_text && typeof spec.copy_text.text === "string") {
    button.addEventListener("click", () => {
      navigator.clipboard
        ?.writeText(spec.copy_text.text)
        .then(() => showToast(t("copied")), () => {});
    });
  } else {
    button.disabled = true;
  }
  return button;
}

function press(messageId, data, button) {
  if (!transmit({ type: "press", message_id: messageId, data })) {
    showToast(t("reconnecting"));
    return;
  }
  releaseButton(messageId);
  button.classList.add("pending");
  button.setAttribute("aria-busy", "true");
  button.append(srOnly(` (${t("waiting")})`));
  const timer = setTimeout(() => releaseButton(messageId), PRESS_TIMEOUT_MS);
  state.pressed.set(messageId, { button, timer });
}

export function releaseButton(messageId) {
  const pending = state.pressed.get(messageId);
  if (!pending) return;
  clearTimeout(pending.timer);
  pending.button.classList.remove("pending");
  pending.button.removeAttribute("aria-busy");
  pending.button.querySelector(".sr-only")?.remove();
  state.pressed.delete(messageId);
}

export function onCallbackAnswer(answer) {
  releaseButton(answer.message_id);
  if (!answer.text) return;
  if (answer.show_alert) showAlert(answer.text);
  else showToast(answer.text);
}
