// The page's own words in Vietnamese and English (everything else on screen comes from the bot).

import { DEFAULT_LANGUAGE, state } from "./state.js";

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
    viaBot: "qua @{bot}",
    attachPhoto: "Gửi ảnh",
    sendLocation: "Gửi vị trí",
    locationTitle: "Gửi vị trí",
    locationPlace: "Địa điểm",
    locationCustom: "Toạ độ khác…",
    latitude: "Vĩ độ",
    longitude: "Kinh độ",
    badLocation: "Vĩ độ từ -90 đến 90, kinh độ từ -180 đến 180.",
    badPhoto: "Chỉ gửi được ảnh PNG, JPEG hoặc WebP, tối đa 2 MB.",
    inlineTitle: "Kết quả của @{bot} cho “{query}”",
    inlineEmpty: "Bot không có kết quả cho “{query}”.",
    inlineTimeout: "Bot chưa trả lời truy vấn inline.",
    inlineHint: "Gõ @{bot} và từ khoá để tìm thẻ chỉ tiêu, rồi chọn một kết quả để gửi.",
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
    viaBot: "via @{bot}",
    attachPhoto: "Send a photo",
    sendLocation: "Send a location",
    locationTitle: "Send a location",
    locationPlace: "Place",
    locationCustom: "Other coordinates…",
    latitude: "Latitude",
    longitude: "Longitude",
    badLocation: "Latitude is from -90 to 90, longitude from -180 to 180.",
    badPhoto: "Only PNG, JPEG or WebP photos up to 2 MB can be sent.",
    inlineTitle: "@{bot}'s results for “{query}”",
    inlineEmpty: "The bot has no results for “{query}”.",
    inlineTimeout: "The bot did not answer the inline query.",
    inlineHint: "Type @{bot} and a keyword to find an indicator card, then pick a result to send it.",
  },
};

export const LOCALES = { vi: "vi-VN", en: "en-GB" };

export function t(key, values) {
  const table = STRINGS[state.language] || STRINGS[DEFAULT_LANGUAGE];
  let text = table[key] ?? STRINGS[DEFAULT_LANGUAGE][key] ?? key;
  if (values) {
    text = text.replace(/\{(\w+)\}/g, (whole, name) =>
      name in values ? String(values[name]) : whole,
    );
  }
  return text;
}

export function applyStrings() {
  document.documentElement.lang = state.language;
  for (const node of document.querySelectorAll("[data-i18n]")) {
    node.textContent = t(node.dataset.i18n);
  }
  for (const node of document.querySelectorAll("[data-i18n-aria]")) {
    node.setAttribute("aria-label", t(node.dataset.i18nAria));
  }
  for (const node of document.querySelectorAll("[data-i18n-title]")) {
    node.setAttribute("title", t(node.dataset.i18nTitle));
  }
  for (const node of document.querySelectorAll("[data-i18n-placeholder]")) {
    node.setAttribute("placeholder", t(node.dataset.i18nPlaceholder));
  }
}

export function setLanguage(language) {
  const next = language in STRINGS ? language : DEFAULT_LANGUAGE;
  if (next !== state.language) {
    state.language = next;
    applyStrings();
  }
}
