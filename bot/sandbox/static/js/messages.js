// Messages in the chat: bubbles with their sender, reply, media, text and keyboard, keyed by id.

import { make, srOnly, ui } from "./dom.js";
import { formattedText } from "./formatting.js";
import { chatTitle, stopTyping } from "./header.js";
import { releaseButton, renderKeyboard } from "./keyboards.js";
import { state } from "./state.js";
import { LOCALES, t } from "./strings.js";

function messageNode(messageId) {
  return document.getElementById(`msg-${messageId}`);
}

function isMine(message) {
  return message.from && message.from.id === state.actingUserId;
}

function senderName(message) {
  if (isMine(message)) return t("you");
  if (message.from && message.from.is_bot) return state.bot.name || message.from.name;
  return (message.from && message.from.name) || "";
}

function formatSize(bytes) {
  if (!Number.isFinite(bytes)) return "";
  const locale = LOCALES[state.language];
  const number = (value) => value.toLocaleString(locale, { maximumFractionDigits: 1 });
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${number(bytes / 1024)} KB`;
  return `${number(bytes / 1024 / 1024)} MB`;
}

function fileUrl(fileId) {
  return `files/${encodeURIComponent(String(fileId))}`;
}

function renderMedia(bubble, message) {
  if (message.photo && message.photo.file_id) {
    const figure = make("figure", "photo");
    const image = make("img");
    image.src = fileUrl(message.photo.file_id);
    image.alt = message.caption || t("photo");
    if (message.photo.width && message.photo.height) {
      image.width = message.photo.width;
      image.height = message.photo.height;
    }
    image.loading = "lazy";
    figure.append(image);
    bubble.append(figure);
    return true;
  }
  if (message.document && message.document.file_id) {
    const link = make("a", "document");
    link.href = fileUrl(message.document.file_id);
    link.download = message.document.file_name || "";
    const icon = make("span", "document-icon");
    icon.setAttribute("aria-hidden", "true");
    icon.textContent = "⬇";
    const details = make("span", "document-details");
    details.append(make("span", "document-name", message.document.file_name || t("document")));
    details.append(make("span", "document-size", formatSize(message.document.file_size)));
    link.append(icon, details);
    bubble.append(link);
    return true;
  }
  if (message.sticker) {
    const sticker = make("p", "sticker", message.sticker.emoji || "🖼");
    bubble.append(sticker);
    return true;
  }
  if (message.location) {
    bubble.append(
      make("p", "location", t("location", {
        latitude: Number(message.location.latitude).toFixed(5),
        longitude: Number(message.location.longitude).toFixed(5),
      })),
    );
    return true;
  }
  return false;
}

function fillMessage(node, message) {
  const mine = isMine(message);
  node.className = `message ${mine ? "outgoing" : "incoming"}`;
  const bubble = make("div", "bubble");
  const groupChat = state.chat && state.chat.type !== "private";
  const name = senderName(message);
  if (groupChat && !mine) {
    bubble.append(make("p", "sender", name));
  } else {
    bubble.append(srOnly(`${name}: `));
  }
  if (message.via_bot && message.via_bot.username) {
    bubble.append(make("p", "via-bot", t("viaBot", { bot: message.via_bot.username })));
  }
  const replied = message.reply_to_message;
  if (replied && replied.message_id) {
    const quote = make("div", "reply-quote");
    quote.append(make("span", "reply-name", t("replyTo", { name: replied.from_name || "" })));
    quote.append(make("span", "reply-text", replied.text || ""));
    bubble.append(quote);
  }
  const hasMedia = renderMedia(bubble, message);
  if (typeof message.text === "string") {
    bubble.append(formattedText(message.text, message.entities));
  } else if (typeof message.caption === "string") {
    bubble.append(formattedText(message.caption, message.caption_entities));
  } else if (!hasMedia) {
    bubble.append(make("p", "unsupported", t("unsupported")));
  }
  const meta = make("span", "meta");
  if (message.edit_date) meta.append(make("span", "edited", t("edited")));
  const time = make("time");
  const date = new Date(Number(message.date) * 1000);
  if (!Number.isNaN(date.getTime())) {
    time.dateTime = date.toISOString();
    time.textContent = date.toLocaleTimeString(LOCALES[state.language], {
      hour: "2-digit",
      minute: "2-digit",
    });
  }
  meta.append(time);
  if (mine) {
    const ticks = make("span", "ticks", "✓✓");
    ticks.setAttribute("aria-hidden", "true");
    meta.append(ticks);
  }
  bubble.append(meta);
  const keyboard = renderKeyboard(message);
  releaseButton(message.message_id); // its old keyboard is gone
  node.replaceChildren(bubble, ...(keyboard ? [keyboard] : []));
}

function nearBottom() {
  const list = ui.messages;
  return list.scrollHeight - list.scrollTop - list.clientHeight < 80;
}

function scrollToBottom() {
  ui.messages.scrollTop = ui.messages.scrollHeight;
}

// Insert or update in place: a message_id is rendered at most once, whatever the order or
// repetition of the events that mention it.
export function upsertMessage(message) {
  const id = Number(message.message_id);
  if (!Number.isInteger(id)) return;
  const follow = nearBottom() || isMine(message);
  let node = messageNode(id);
  if (!node) {
    node = make("article");
    node.id = `msg-${id}`;
    node.dataset.messageId = String(id);
    let before = null;
    for (const other of ui.messages.children) {
      if (Number(other.dataset.messageId) > id) {
        before = other;
        break;
      }
    }
    ui.messages.insertBefore(node, before);
  }
  fillMessage(node, message);
  if (message.from && message.from.is_bot) stopTyping();
  updateEmpty();
  if (follow) scrollToBottom();
}

export function removeMessage(messageId) {
  const node = messageNode(messageId);
  if (node) node.remove();
  updateEmpty();
}

// A whole chat at once: screen readers are not made to read the history aloud.
export function renderSnapshot(messages) {
  ui.messages.setAttribute("aria-live", "off");
  ui.messages.setAttribute("aria-busy", "true");
  const keep = new Set(messages.map((message) => Number(message.message_id)));
  for (const node of [...ui.messages.children]) {
    if (!keep.has(Number(node.dataset.messageId))) node.remove();
  }
  for (const message of messages) upsertMessage(message);
  updateEmpty();
  scrollToBottom();
  ui.messages.setAttribute("aria-busy", "false");
  setTimeout(() => ui.messages.setAttribute("aria-live", "polite"), 0);
}

export function updateEmpty() {
  const empty = ui.messages.children.length === 0;
  ui.empty.hidden = !empty;
  const group = state.view === "group";
  ui.startButton.hidden = group;
  ui.empty.querySelector(".empty-text").textContent = t(group ? "emptyGroupText" : "emptyText");
  ui.emptyTitle.textContent = t("emptyTitle", { name: chatTitle() });
}
