// Inline mode from the compose box: "@bot query" asks the bot (an inline query, as Telegram
// clients send one while the user types); its results are listed above the box and the one
// picked is sent to this chat "via @bot", never the typed "@bot query" itself.

import { transmit } from "./connection.js";
import { make, ui } from "./dom.js";
import { showToast } from "./notices.js";
import { state } from "./state.js";
import { t } from "./strings.js";

const DEBOUNCE_MS = 250;
let timer = null;
let asked = null; // the query text last sent
let shown = null; // { queryId, query, results } on screen

// The query the compose box holds, or null when it does not start with "@bot ".
export function inlineQueryOf(text) {
  const username = state.bot.username;
  if (!username) return null;
  const prefix = `@${username.toLowerCase()} `;
  if (!text.toLowerCase().startsWith(prefix)) return null;
  return text.slice(prefix.length);
}

export function closeInline() {
  clearTimeout(timer);
  shown = null;
  asked = null;
  ui.inlineResults.hidden = true;
  ui.inlineList.replaceChildren();
}

// Called on every change of the compose box.
export function onComposeChanged(text) {
  const query = inlineQueryOf(text);
  if (query === null) {
    if (asked !== null || shown) closeInline();
    return;
  }
  clearTimeout(timer);
  timer = setTimeout(() => {
    if (query === asked) return;
    asked = query;
    transmit({ type: "inline_query", query });
  }, DEBOUNCE_MS);
}

export function onInlineResults(frame) {
  if (inlineQueryOf(ui.input.value) !== frame.query) return; // typed on since
  shown = { queryId: frame.query_id, query: frame.query, results: frame.results || [] };
  const values = { bot: state.bot.username, query: frame.query };
  ui.inlineList.replaceChildren();
  if (!shown.results.length) {
    ui.inlineTitle.textContent = t("inlineEmpty", values);
  } else {
    ui.inlineTitle.textContent = t("inlineTitle", values);
    for (const result of shown.results) {
      const button = make("button", "command inline-result");
      button.type = "button";
      button.dataset.resultId = result.id;
      button.append(make("span", "command-name", result.title));
      if (result.description) button.append(make("span", "command-text", result.description));
      button.addEventListener("click", () => pick(result.id));
      ui.inlineList.append(button);
    }
  }
  ui.inlineResults.hidden = false;
}

export function onInlineTimeout() {
  showToast(t("inlineTimeout"));
}

// Enter in the compose box while results are shown sends the first one.
export function pickFirst() {
  if (!shown || !shown.results.length) return false;
  pick(shown.results[0].id);
  return true;
}

export function inlinePending() {
  return inlineQueryOf(ui.input.value) !== null;
}

function pick(resultId) {
  if (!shown) return;
  transmit({ type: "inline_pick", query_id: shown.queryId, result_id: resultId });
  ui.input.value = "";
  ui.input.dispatchEvent(new Event("input"));
  closeInline();
  ui.input.focus();
}
