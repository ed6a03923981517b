// danbiet sandbox: a Telegram-like chat with the bot, over the sandbox's WebSocket.
//
// The entry module (ES modules served as they are): wires the page and connects.
//
// Plain hand-written JavaScript, no framework, no build step. Nothing coming from the server is
// ever parsed as HTML: formatted text is rebuilt as DOM nodes from Telegram's message entities,
// and every string goes in through textContent or a checked attribute.

import { wireAttachments } from "./attachments.js";
import { wireCommandMenu } from "./commands.js";
import { wireComposer } from "./compose.js";
import { connect } from "./connection.js";
import { showConnection, wireNotices } from "./notices.js";
import { wireResidents } from "./residents.js";
import { state } from "./state.js";
import { applyStrings } from "./strings.js";

function takeStartPayload() {
  const params = new URLSearchParams(window.location.search);
  if (!params.has("start")) return;
  state.startPayload = params.get("start") || "";
  state.view = "private";
  params.delete("start");
  const query = params.toString();
  const clean = `${window.location.pathname}${query ? `?${query}` : ""}${window.location.hash}`;
  window.history.replaceState(null, "", clean);
}

// Hooks for the browser tests (and for trying reconnection by hand).
window.danbietSandbox = Object.freeze({
  dropConnection(options = {}) {
    state.hold = Boolean(options.hold);
    const ws = state.ws;
    if (ws) ws.close(4000, "dropped by the page");
  },
  resumeConnection() {
    state.hold = false;
    connect();
  },
  get connected() {
    return state.connected;
  },
  get lastSeq() {
    return state.lastSeq;
  },
  get readyMode() {
    return state.readyMode;
  },
  get userId() {
    return state.userId;
  },
  get chatId() {
    return state.chatId;
  },
});

wireCommandMenu();
wireComposer();
wireAttachments();
wireResidents();
wireNotices();
window.addEventListener("online", () => {
  if (!state.ws && !state.hold) connect();
});

takeStartPayload();
applyStrings();
showConnection("connecting");
connect();
