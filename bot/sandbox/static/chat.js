// danbiet sandbox: a Telegram-like chat with the bot, over the sandbox's WebSocket.
//
// Plain hand-written JavaScript, no framework, no build step. Nothing coming from the server is
// ever parsed as HTML: formatted text is rebuilt as DOM nodes from Telegram's message entities,
// and every string goes in through textContent or a checked attribute.
"use strict";

(() => {
  // --- the page's own words (everything else on screen comes from the bot) ----------------------

  const STRINGS = {
    vi: {
      skipToInput: "Chuyển tới ô nhập tin nhắn",
      toolbarLabel: "Chọn người dùng thử",
      residentLabel: "Cư dân",
      residentOption: "{name} · {language}",
      newResident: "Thêm cư dân",
      officialsGroup: "Nhóm cán bộ",
      messagesLabel: "Tin nhắn",
      emptyTitle: "Chào mừng tới {name}",
      emptyText: "Chưa có tin nhắn nào. Bấm Bắt đầu để trò chuyện với bot.",
      emptyGroupText: "Chưa có tin nhắn nào trong nhóm.",
      startButton: "Bắt đầu",
      commandsTitle: "Lệnh của bot",
      noCommands: "Bot chưa có lệnh nào.",
      menu: "Menu",
      inputLabel: "Tin nhắn",
      inputPlaceholder: "Nhập tin nhắn…",
      inputHint: "Enter để gửi, Shift+Enter để xuống dòng, gõ / để xem các lệnh.",
      send: "Gửi",
      ok: "OK",
      newResidentTitle: "Thêm cư dân",
      residentName: "Tên",
      residentLanguage: "Ngôn ngữ",
      languageVi: "Tiếng Việt",
      languageEn: "English",
      cancel: "Huỷ",
      create: "Tạo",
      connecting: "Đang kết nối…",
      reconnecting: "Mất kết nối, đang kết nối lại…",
      statusBot: "bot",
      statusTyping: "đang nhập…",
      statusGroup: "nhóm · bạn viết với tư cách {name}",
      edited: "đã sửa",
      you: "Bạn",
      photo: "Ảnh",
      document: "Tệp",
      location: "Vị trí: {latitude}, {longitude}",
      unsupported: "Tin nhắn này không hiển thị được ở đây.",
      keyboardLabel: "Các nút của tin nhắn",
      spoiler: "Nội dung ẩn, bấm để xem",
      opensLink: "(mở liên kết)",
      waiting: "đang chờ bot",
      replyTo: "Trả lời {name}",
      tooLong: "Tin nhắn quá dài: tối đa {parts} phần, mỗi phần {length} ký tự.",
      splitNotice: "Tin nhắn dài đã được chia thành {parts} phần.",
      refused: "Không gửi được. Bạn thử lại nhé.",
      badResident: "Tên cần từ 1 đến 64 ký tự.",
      copied: "Đã chép vào bộ nhớ tạm.",
      queued: "Tin nhắn sẽ được gửi khi kết nối lại.",
    },
    en: {
      skipToInput: "Skip to the message box",
      toolbarLabel: "Choose a sandbox user",
      residentLabel: "Resident",
      residentOption: "{name} · {language}",
      newResident: "New resident",
      officialsGroup: "Officials' group",
      messagesLabel: "Messages",
      emptyTitle: "Welcome to {name}",
      emptyText: "No messages yet. Press Start to talk to the bot.",
      emptyGroupText: "No messages in this group yet.",
      startButton: "Start",
      commandsTitle: "Bot commands",
      noCommands: "The bot has no commands yet.",
      menu: "Menu",
      inputLabel: "Message",
      inputPlaceholder: "Write a message…",
      inputHint: "Enter sends, Shift+Enter starts a new line, type / for commands.",
      send: "Send",
      ok: "OK",
      newResidentTitle: "New resident",
      residentName: "Name",
      residentLanguage: "Language",
      languageVi: "Tiếng Việt",
      languageEn: "English",
      cancel: "Cancel",
      create: "Create",
      connecting: "Connecting…",
      reconnecting: "Connection lost, reconnecting…",
      statusBot: "bot",
      statusTyping: "typing…",
      statusGroup: "group · you write as {name}",
      edited: "edited",
      you: "You",
      photo: "Photo",
      document: "File",
      location: "Location: {latitude}, {longitude}",
      unsupported: "This message can't be shown here.",
      keyboardLabel: "Message buttons",
      spoiler: "Hidden text, press to reveal",
      opensLink: "(opens a link)",
      waiting: "waiting for the bot",
      replyTo: "Reply to {name}",
      tooLong: "Message too long: at most {parts} parts of {length} characters.",
      splitNotice: "Your long message was sent in {parts} parts.",
      refused: "Couldn't send that. Please try again.",
      badResident: "A name has 1 to 64 characters.",
      copied: "Copied to the clipboard.",
      queued: "The message will be sent once reconnected.",
    },
  };
  const DEFAULT_LANGUAGE = "vi";
  const LOCALES = { vi: "vi-VN", en: "en-GB" };
  const STORAGE = {
    resident: "danbiet.sandbox.resident",
    view: "danbiet.sandbox.view",
  };
  const SAFE_PROTOCOLS = new Set(["http:", "https:", "tg:"]);
  const TYPING_MS = 5000; // Telegram shows a chat action for five seconds
  const PRESS_TIMEOUT_MS = 15000;
  const MAX_BACKOFF_MS = 10000;
  // Bare links and /commands in plain text, which Telegram makes clickable as well.
  const LINK = String.raw`(https?:\/\/[^\s<>"]+)`;
  const COMMAND = String.raw`(?<![\p{L}\p{N}_/<])(\/[A-Za-z]\w{0,63}(?:@\w{3,32})?)(?![\p{L}\p{N}_/])`;
  const LINKABLE = new RegExp(`${LINK}|${COMMAND}`, "gu");
  const START_PAYLOAD = /^[A-Za-z0-9_-]{1,64}$/;

  const $ = (id) => document.getElementById(id);
  const ui = {
    title: $("chat-title"),
    status: $("chat-status"),
    avatar: $("chat-avatar"),
    resident: $("resident"),
    newResident: $("new-resident"),
    groupToggle: $("group-toggle"),
    connection: $("connection"),
    messages: $("messages"),
    empty: $("empty"),
    emptyTitle: $("empty-title"),
    startButton: $("start-button"),
    commands: $("commands"),
    commandList: $("command-list"),
    composer: $("composer"),
    menuButton: $("menu-button"),
    input: $("input"),
    toast: $("toast"),
    announcer: $("announcer"),
    alertDialog: $("alert-dialog"),
    alertTitle: $("alert-title"),
    alertText: $("alert-text"),
    alertOk: $("alert-ok"),
    residentDialog: $("resident-dialog"),
    residentForm: $("resident-form"),
    residentName: $("resident-name"),
    residentLanguage: $("resident-language"),
    residentError: $("resident-error"),
    residentCancel: $("resident-cancel"),
  };

  const state = {
    ws: null,
    connected: false,
    hold: false,
    attempt: 0,
    reconnectTimer: null,
    epoch: null, // the server numbering lastSeq belongs to
    serverEpoch: null,
    lastSeq: null,
    readyMode: null,
    chatId: null,
    chat: null,
    view: sessionStorage.getItem(STORAGE.view) === "group" ? "group" : "private",
    userId: Number(sessionStorage.getItem(STORAGE.resident)) || null,
    actingUserId: null,
    language: DEFAULT_LANGUAGE,
    bot: { username: "", name: "" },
    residents: [],
    group: null,
    official: null,
    limits: { message_length: 4096, parts: 10 },
    commands: [],
    commandsOrigin: null, // "menu" or "input" while the command list is open
    outbox: [],
    pressed: new Map(), // message_id -> the button waiting for its callback answer
    typingTimer: null,
    toastTimer: null,
    startPayload: null,
  };

  // --- words ---------------------------------------------------------------------------------

  function t(key, values) {
    const table = STRINGS[state.language] || STRINGS[DEFAULT_LANGUAGE];
    let text = table[key] ?? STRINGS[DEFAULT_LANGUAGE][key] ?? key;
    if (values) {
      text = text.replace(/\{(\w+)\}/g, (whole, name) =>
        name in values ? String(values[name]) : whole,
      );
    }
    return text;
  }

  function applyStrings() {
    document.documentElement.lang = state.language;
    for (const node of document.querySelectorAll("[data-i18n]")) {
      node.textContent = t(node.dataset.i18n);
    }
    for (const node of document.querySelectorAll("[data-i18n-aria]")) {
      node.setAttribute("aria-label", t(node.dataset.i18nAria));
    }
    for (const node of document.querySelectorAll("[data-i18n-placeholder]")) {
      node.setAttribute("placeholder", t(node.dataset.i18nPlaceholder));
    }
  }

  function setLanguage(language) {
    const next = language in STRINGS ? language : DEFAULT_LANGUAGE;
    if (next !== state.language) {
      state.language = next;
      applyStrings();
    }
  }

  // --- small DOM helpers -----------------------------------------------------------------------

  function make(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function srOnly(text) {
    return make("span", "sr-only", text);
  }

  function safeUrl(raw) {
    if (typeof raw !== "string") return null;
    try {
      const url = new URL(raw);
      return SAFE_PROTOCOLS.has(url.protocol) ? url.href : null;
    } catch {
      return null;
    }
  }

  function externalLink(href, className) {
    const link = make("a", className);
    link.href = href;
    link.target = "_blank";
    link.rel = "noopener noreferrer nofollow";
    return link;
  }

  // --- formatted text from entities --------------------------------------------------------------

  // Plain text, with bare links and commands made clickable as Telegram does.
  function appendText(parent, text, autolink) {
    if (!text) return;
    if (!autolink) {
      parent.append(document.createTextNode(text));
      return;
    }
    let position = 0;
    for (const match of text.matchAll(LINKABLE)) {
      let node;
      let found;
      if (match[1]) {
        found = match[1].replace(/[.,;:!?)\]]+$/, "");
        const href = safeUrl(found);
        if (!href) continue;
        node = externalLink(href, "text-link");
      } else {
        found = match[2];
        node = commandLink(found);
      }
      node.textContent = found;
      parent.append(document.createTextNode(text.slice(position, match.index)), node);
      position = match.index + found.length;
    }
    parent.append(document.createTextNode(text.slice(position)));
  }

  function commandLink(command) {
    const button = make("button", "command-link");
    button.type = "button";
    button.addEventListener("click", () => sendText(command));
    return button;
  }

  // The element for one entity, and the element its content goes into.
  function entityElement(entity, content) {
    switch (entity.type) {
      case "bold":
        return make("strong");
      case "italic":
        return make("em");
      case "underline":
        return make("u");
      case "strikethrough":
        return make("s");
      case "code":
        return make("code", "inline-code");
      case "pre": {
        const pre = make("pre", "pre");
        const code = make("code");
        if (typeof entity.language === "string" && entity.language) {
          pre.dataset.language = entity.language;
        }
        pre.append(code);
        return [pre, code];
      }
      case "blockquote":
      case "expandable_blockquote":
        return make("blockquote", "quote");
      case "spoiler":
        return spoilerElement();
      case "text_link": {
        const href = safeUrl(entity.url);
        return href ? externalLink(href, "text-link") : make("span", "unsafe-link");
      }
      case "url": {
        const href = safeUrl(/^[a-z][a-z0-9+.-]*:/i.test(content) ? content : `https://${content}`);
        return href ? externalLink(href, "text-link") : make("span");
      }
      case "bot_command":
        return commandLink(content);
      case "mention":
      case "text_mention":
      case "hashtag":
      case "cashtag":
      case "email":
      case "phone_number":
        return make("span", "entity-accent");
      default:
        return make("span");
    }
  }

  function spoilerElement() {
    const spoiler = make("span", "spoiler");
    spoiler.tabIndex = 0;
    spoiler.setAttribute("role", "button");
    spoiler.setAttribute("aria-label", t("spoiler"));
    const reveal = () => {
      spoiler.classList.add("revealed");
      spoiler.removeAttribute("role");
      spoiler.removeAttribute("tabindex");
      spoiler.removeAttribute("aria-label");
    };
    spoiler.addEventListener("click", reveal);
    spoiler.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        reveal();
      }
    });
    return spoiler;
  }

  function cleanEntities(text, entities) {
    if (!Array.isArray(entities)) return [];
    return entities
      .filter(
        (e) =>
          e &&
          typeof e.type === "string" &&
          Number.isInteger(e.offset) &&
          Number.isInteger(e.length) &&
          e.offset >= 0 &&
          e.length > 0 &&
          e.offset < text.length,
      )
      .map((e) => ({ ...e, end: Math.min(e.offset + e.length, text.length) }))
      .sort((a, b) => a.offset - b.offset || b.end - a.end);
  }

  // Offsets are UTF-16 code units, exactly JavaScript's string indices.
  function buildFormatted(parent, text, start, end, entities, autolink) {
    let position = start;
    let index = 0;
    while (index < entities.length) {
      const entity = entities[index];
      const entityEnd = Math.min(entity.end, end);
      const inner = [];
      let next = index + 1;
      while (next < entities.length && entities[next].offset < entityEnd) {
        inner.push({ ...entities[next], end: Math.min(entities[next].end, entityEnd) });
        next += 1;
      }
      appendText(parent, text.slice(position, entity.offset), autolink);
      const made = entityElement(entity, text.slice(entity.offset, entityEnd));
      const [outer, container] = Array.isArray(made) ? made : [made, made];
      const plain = ["code", "pre", "text_link", "url", "bot_command"].includes(entity.type);
      buildFormatted(container, text, entity.offset, entityEnd, inner, autolink && !plain);
      parent.append(outer);
      position = entityEnd;
      index = next;
    }
    appendText(parent, text.slice(position, end), autolink);
  }

  function formattedText(text, entities) {
    const box = make("div", "text");
    buildFormatted(box, text, 0, text.length, cleanEntities(text, entities), true);
    return box;
  }

  // --- messages ------------------------------------------------------------------------------

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

  function renderKeyboard(message) {
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
  function upsertMessage(message) {
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

  function removeMessage(messageId) {
    const node = messageNode(messageId);
    if (node) node.remove();
    updateEmpty();
  }

  // A whole chat at once: screen readers are not made to read the history aloud.
  function renderSnapshot(messages) {
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

  function updateEmpty() {
    const empty = ui.messages.children.length === 0;
    ui.empty.hidden = !empty;
    const group = state.view === "group";
    ui.startButton.hidden = group;
    ui.empty.querySelector(".empty-text").textContent = t(group ? "emptyGroupText" : "emptyText");
    ui.emptyTitle.textContent = t("emptyTitle", { name: chatTitle() });
  }

  // --- the header ------------------------------------------------------------------------------

  function chatTitle() {
    if (state.chat && state.chat.type !== "private") return state.chat.title || "";
    return state.bot.name || state.bot.username || "";
  }

  function updateHeader() {
    const title = chatTitle();
    ui.title.textContent = title;
    ui.avatar.textContent = title.slice(0, 1).toUpperCase();
    ui.avatar.classList.toggle("group-avatar", state.view === "group");
    document.title = `${title} · sandbox`;
    updateStatus();
    ui.groupToggle.hidden = !state.group;
    ui.groupToggle.setAttribute("aria-pressed", String(state.view === "group"));
    renderResidents();
    updateEmpty();
  }

  function updateStatus() {
    if (state.typingTimer) {
      ui.status.textContent = t("statusTyping");
    } else if (state.view === "group") {
      const name = state.official?.name || residentById(state.userId)?.name || "";
      ui.status.textContent = t("statusGroup", { name });
    } else {
      ui.status.textContent = t("statusBot");
    }
  }

  function startTyping() {
    clearTimeout(state.typingTimer);
    state.typingTimer = setTimeout(stopTyping, TYPING_MS);
    updateStatus();
  }

  function stopTyping() {
    if (!state.typingTimer) return;
    clearTimeout(state.typingTimer);
    state.typingTimer = null;
    updateStatus();
  }

  function residentById(id) {
    return state.residents.find((resident) => resident.id === id);
  }

  function renderResidents() {
    const options = state.residents.map((resident) => {
      const option = make(
        "option",
        null,
        t("residentOption", { name: resident.name, language: resident.language.toUpperCase() }),
      );
      option.value = String(resident.id);
      option.lang = resident.language;
      return option;
    });
    ui.resident.replaceChildren(...options);
    if (state.userId !== null) ui.resident.value = String(state.userId);
  }

  // --- notices -----------------------------------------------------------------------------

  // Screen readers hear notices through one live region that is always in the page (a region
  // that appears together with its text is often not announced).
  function announce(text) {
    ui.announcer.textContent = "";
    setTimeout(() => {
      ui.announcer.textContent = text;
    }, 50);
  }

  function showToast(text) {
    ui.toast.textContent = text;
    ui.toast.hidden = false;
    announce(text);
    clearTimeout(state.toastTimer);
    state.toastTimer = setTimeout(() => {
      ui.toast.hidden = true;
    }, 4000);
  }

  function showAlert(text) {
    ui.alertTitle.textContent = chatTitle();
    ui.alertText.textContent = text;
    if (!ui.alertDialog.open) ui.alertDialog.showModal();
    ui.alertOk.focus();
  }

  function showConnection(kind) {
    if (kind === null) {
      ui.connection.hidden = true;
      ui.connection.textContent = "";
      return;
    }
    ui.connection.textContent = t(kind);
    if (ui.connection.hidden) announce(t(kind));
    ui.connection.hidden = false;
  }

  // --- the connection ------------------------------------------------------------------------

  function socketUrl() {
    const url = new URL("ws", window.location.href);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    url.search = "";
    url.hash = "";
    return url.href;
  }

  function connect() {
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

  function transmit(frame) {
    if (!state.ws || state.ws.readyState !== WebSocket.OPEN) return false;
    state.ws.send(JSON.stringify(frame));
    return true;
  }

  // Attach to the chosen chat. On a reconnection the server replays what we missed after
  // lastSeq; otherwise it sends the chat as it is now.
  function openChat(resume) {
    const frame = { type: "open", view: state.view, user_id: state.userId };
    if (resume && state.epoch !== null && state.lastSeq !== null) {
      Object.assign(frame, { epoch: state.epoch, since: state.lastSeq, chat_id: state.chatId });
    }
    transmit(frame);
  }

  function switchTo(userId, view) {
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

  function onCallbackAnswer(answer) {
    releaseButton(answer.message_id);
    if (!answer.text) return;
    if (answer.show_alert) showAlert(answer.text);
    else showToast(answer.text);
  }

  function onError(code) {
    if (code === "too_long") {
      showToast(t("tooLong", { parts: state.limits.parts, length: state.limits.message_length }));
    } else if (code === "bad_resident") {
      ui.residentError.textContent = t("badResident");
      ui.residentError.hidden = false;
    } else {
      showToast(t("refused"));
    }
  }

  // --- what the resident does ------------------------------------------------------------------

  function sendText(text) {
    if (!text || !text.trim()) return;
    const frame = { type: "send", text };
    if (!state.connected || !transmit(frame)) {
      state.outbox.push(frame);
      showToast(t("queued"));
    }
  }

  function flushOutbox() {
    while (state.outbox.length && state.connected) {
      if (!transmit(state.outbox[0])) return;
      state.outbox.shift();
    }
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

  function releaseButton(messageId) {
    const pending = state.pressed.get(messageId);
    if (!pending) return;
    clearTimeout(pending.timer);
    pending.button.classList.remove("pending");
    pending.button.removeAttribute("aria-busy");
    pending.button.querySelector(".sr-only")?.remove();
    state.pressed.delete(messageId);
  }

  function prefill(query) {
    ui.input.value = `@${state.bot.username} ${query}`;
    autosize();
    ui.input.focus();
    ui.input.setSelectionRange(ui.input.value.length, ui.input.value.length);
  }

  function sendStartPayload() {
    if (state.startPayload === null || state.view !== "private") return;
    const payload = state.startPayload;
    state.startPayload = null;
    sendText(START_PAYLOAD.test(payload) ? `/start ${payload}` : "/start");
  }

  function submitInput() {
    const text = ui.input.value;
    if (!text.trim()) return;
    sendText(text);
    ui.input.value = "";
    autosize();
    closeCommands(false);
  }

  function autosize() {
    ui.input.style.height = "auto";
    ui.input.style.height = `${Math.min(ui.input.scrollHeight, 160)}px`;
  }

  // --- the command menu ----------------------------------------------------------------------

  function renderCommands(filter) {
    const prefix = filter.startsWith("/") ? filter.slice(1).toLowerCase() : "";
    const shown = state.commands.filter((item) => item.command.toLowerCase().startsWith(prefix));
    const items = shown.map((item) => {
      const button = make("button", "command");
      button.type = "button";
      button.dataset.command = item.command;
      button.append(make("span", "command-name", `/${item.command}`));
      button.append(make("span", "command-description", item.description));
      button.addEventListener("click", () => {
        closeCommands(false);
        sendText(`/${item.command}`);
        ui.input.value = "";
        autosize();
        ui.input.focus();
      });
      return button;
    });
    if (items.length === 0 && state.commandsOrigin === "menu") {
      items.push(make("p", "commands-empty", t("noCommands")));
    }
    ui.commandList.replaceChildren(...items);
    return shown.length;
  }

  // A fresher list from the server: redraw an open menu, keeping the focused command.
  function updateCommands(commands) {
    if (JSON.stringify(commands) === JSON.stringify(state.commands)) return;
    state.commands = commands;
    if (!state.commandsOrigin) return;
    const focused = ui.commandList.contains(document.activeElement)
      ? document.activeElement.dataset.command
      : null;
    renderCommands(state.commandsOrigin === "input" ? ui.input.value : "");
    if (focused !== null) {
      const again = commandButtons().find((button) => button.dataset.command === focused);
      (again || commandButtons()[0] || ui.menuButton).focus();
    }
  }

  function openCommands(origin) {
    state.commandsOrigin = origin;
    const count = renderCommands(origin === "input" ? ui.input.value : "");
    if (origin === "input" && count === 0) {
      closeCommands(false);
      return;
    }
    ui.commands.hidden = false;
    ui.menuButton.setAttribute("aria-expanded", "true");
    transmit({ type: "commands" });
    if (origin === "menu") ui.commandList.querySelector("button")?.focus();
  }

  function closeCommands(returnFocus) {
    const origin = state.commandsOrigin;
    state.commandsOrigin = null;
    ui.commands.hidden = true;
    ui.menuButton.setAttribute("aria-expanded", "false");
    if (returnFocus) (origin === "menu" ? ui.menuButton : ui.input).focus();
  }

  function commandButtons() {
    return [...ui.commandList.querySelectorAll("button")];
  }

  ui.commands.addEventListener("keydown", (event) => {
    const buttons = commandButtons();
    const index = buttons.indexOf(document.activeElement);
    if (event.key === "Escape") {
      event.preventDefault();
      closeCommands(true);
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      const next = (index + step + buttons.length) % buttons.length;
      buttons[next]?.focus();
    } else if (event.key === "Home" || event.key === "End") {
      event.preventDefault();
      (event.key === "Home" ? buttons[0] : buttons[buttons.length - 1])?.focus();
    }
  });

  ui.commands.addEventListener("focusout", (event) => {
    const next = event.relatedTarget;
    if (next && !ui.commands.contains(next) && next !== ui.input && next !== ui.menuButton) {
      closeCommands(false);
    }
  });

  ui.menuButton.addEventListener("click", () => {
    if (state.commandsOrigin === "menu") closeCommands(true);
    else openCommands("menu");
  });

  // --- wiring ----------------------------------------------------------------------------------

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
  });

  ui.startButton.addEventListener("click", () => {
    sendText("/start");
    ui.input.focus();
  });

  ui.resident.addEventListener("change", () => {
    const id = Number(ui.resident.value);
    if (Number.isInteger(id) && id > 0) switchTo(id, "private");
  });

  ui.groupToggle.addEventListener("click", () => {
    switchTo(state.userId, state.view === "group" ? "private" : "group");
  });

  ui.newResident.addEventListener("click", () => {
    ui.residentForm.reset();
    ui.residentLanguage.value = state.language;
    ui.residentError.hidden = true;
    ui.residentDialog.showModal();
    ui.residentName.focus();
  });

  ui.residentForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const name = ui.residentName.value.trim();
    if (!name) {
      ui.residentError.textContent = t("badResident");
      ui.residentError.hidden = false;
      ui.residentName.focus();
      return;
    }
    if (!transmit({ type: "create_resident", name, language: ui.residentLanguage.value })) {
      showToast(t("reconnecting"));
    }
  });

  ui.residentCancel.addEventListener("click", () => ui.residentDialog.close());
  ui.alertOk.addEventListener("click", () => ui.alertDialog.close());

  function onResidentCreated(resident) {
    if (!resident || !Number.isInteger(resident.id)) return;
    if (!residentById(resident.id)) state.residents.push(resident);
    if (ui.residentDialog.open) ui.residentDialog.close();
    switchTo(resident.id, "private");
    ui.input.focus();
  }

  window.addEventListener("online", () => {
    if (!state.ws && !state.hold) connect();
  });

  // --- start --------------------------------------------------------------------------------

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

  takeStartPayload();
  applyStrings();
  showConnection("connecting");
  connect();
})();
