// The WebSocket to the sandbox: (re)connecting with backoff, resuming by sequence number, and
// dispatching the server's frames.

import { closeCommands, updateCommands } from "./commands.js";
import { flushOutbox, sendStartPayload } from "./compose.js";
import { ui } from "./dom.js";
import { renderResidents, startTyping, stopTyping, updateHeader } from "./header.js";
import { onInlineResults, onInlineTimeout } from "./inline.js";
import { onCallbackAnswer } from "./keyboards.js";
import { removeMessage, renderSnapshot, upsertMessage } from "./messages.js";
import { showConnection, showToast } from "./notices.js";
import { onResidentCreated } from "./residents.js";
import { STORAGE, state } from "./state.js";
import { setLanguage, t } from "./strings.js";

const MAX_BACKOFF_MS = 10000;

function socketUrl() {
  const url = new URL("ws", window.location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  url.search = "";
  url.hash = "";
  return url.href;
}

export function connect() {
  clearTimeout(state.reconnectTimer);
  state.reconnectTimer = null;
  if (state.ws) return;
  const ws = new WebSocket(socketUrl());
  state.ws = ws;
  ws.addEventListener("open", () => {
    if (state.ws === ws) openChat(true);
  });
  ws.addEventListener("message", (event) => {
    if (state.ws !== ws) return;
    let frame;
    try {
      frame = JSON.parse(event.data);
    } catch {
      return;
    }
    if (frame && typeof frame === "object") handleFrame(frame);
  });
  ws.addEventListener("close", () => {
    if (state.ws !== ws) return;
    state.ws = null;
    state.connected = false;
    showConnection("reconnecting");
    if (!state.hold) scheduleReconnect();
  });
}

function scheduleReconnect() {
  if (state.reconnectTimer !== null) return;
  const delay = Math.min(MAX_BACKOFF_MS, 250 * 2 ** state.attempt) * (0.8 + Math.random() * 0.4);
  state.attempt += 1;
  state.reconnectTimer = setTimeout(connect, delay);
}

export function transmit(frame) {
  if (!state.ws || state.ws.readyState !== WebSocket.OPEN) return false;
  state.ws.send(JSON.stringify(frame));
  return true;
}

// Attach to the chosen chat. On a reconnection the server replays what we missed after
// lastSeq; otherwise it sends the chat as it is now.
export function openChat(resume) {
  const frame = { type: "open", view: state.view, user_id: state.userId };
  if (resume && state.epoch !== null && state.lastSeq !== null) {
    Object.assign(frame, { epoch: state.epoch, since: state.lastSeq, chat_id: state.chatId });
  }
  transmit(frame);
}

export function switchTo(userId, view) {
  state.userId = userId;
  state.view = view;
  sessionStorage.setItem(STORAGE.resident, String(userId));
  sessionStorage.setItem(STORAGE.view, view);
  closeCommands(false);
  openChat(false);
}

function handleFrame(frame) {
  switch (frame.type) {
    case "welcome":
      onWelcome(frame);
      break;
    case "ready":
      onReady(frame);
      break;
    case "event":
      onEvent(frame);
      break;
    case "chat_action":
      if (frame.chat_id === state.chatId && frame.action === "typing") startTyping();
      break;
    case "residents":
      state.residents = Array.isArray(frame.residents) ? frame.residents : state.residents;
      renderResidents();
      break;
    case "resident_created":
      onResidentCreated(frame.resident);
      break;
    case "commands":
      updateCommands(Array.isArray(frame.commands) ? frame.commands : []);
      break;
    case "sent":
      if (frame.parts > 1) showToast(t("splitNotice", { parts: frame.parts }));
      break;
    case "inline_results":
      onInlineResults(frame);
      break;
    case "error":
      onError(frame.code);
      break;
    default:
      break;
  }
}

function onWelcome(frame) {
  state.serverEpoch = frame.epoch;
  state.bot = frame.bot || state.bot;
  state.residents = Array.isArray(frame.residents) ? frame.residents : [];
  state.group = frame.group || null;
  state.official = frame.official || null;
  state.limits = frame.limits || state.limits;
  renderResidents();
}

function onReady(frame) {
  const previousChat = state.chatId;
  state.userId = frame.user.id;
  state.view = frame.view;
  state.chatId = frame.chat.id;
  state.chat = frame.chat;
  state.actingUserId = frame.acting_user_id;
  sessionStorage.setItem(STORAGE.resident, String(state.userId));
  sessionStorage.setItem(STORAGE.view, state.view);
  setLanguage(frame.user.language);
  state.commands = Array.isArray(frame.commands) ? frame.commands : [];
  if (previousChat !== state.chatId) stopTyping();
  if (frame.mode === "replay") {
    for (const event of frame.events || []) onEvent(event);
    state.lastSeq = Math.max(state.lastSeq ?? 0, frame.seq);
  } else {
    if (previousChat !== state.chatId) ui.messages.replaceChildren();
    renderSnapshot(Array.isArray(frame.messages) ? frame.messages : []);
    state.lastSeq = frame.seq;
  }
  state.readyMode = frame.mode;
  state.connected = true;
  state.attempt = 0;
  state.epoch = state.serverEpoch; // lastSeq now counts in this server's numbering
  showConnection(null);
  updateHeader();
  flushOutbox();
  sendStartPayload();
}

function onEvent(event) {
  if (event.chat_id !== state.chatId) return;
  if (state.lastSeq !== null && event.seq <= state.lastSeq) return; // already applied
  state.lastSeq = event.seq;
  switch (event.event) {
    case "message":
    case "edit":
      upsertMessage(event.message);
      break;
    case "delete":
      removeMessage(event.message_id);
      break;
    case "callback_answer":
      onCallbackAnswer(event);
      break;
    default:
      break;
  }
}

function onError(code) {
  if (code === "too_long") {
    showToast(t("tooLong", { parts: state.limits.parts, length: state.limits.message_length }));
  } else if (code === "inline_timeout") {
    onInlineTimeout();
  } else if (code === "bad_photo") {
    showToast(t("badPhoto"));
  } else if (code === "bad_location") {
    showToast(t("badLocation"));
  } else if (code === "bad_resident") {
    ui.residentError.textContent = t("badResident");
    ui.residentError.hidden = false;
  } else {
    showToast(t("refused"));
  }
}
