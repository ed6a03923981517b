// The page's elements, and small helpers that build DOM nodes without ever parsing HTML.

const SAFE_PROTOCOLS = new Set(["http:", "https:", "tg:"]);

const $ = (id) => document.getElementById(id);
export const ui = {
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
  attachPhoto: $("attach-photo"),
  photoFile: $("photo-file"),
  sendLocation: $("send-location"),
  locationDialog: $("location-dialog"),
  locationForm: $("location-form"),
  locationPlace: $("location-place"),
  latitude: $("location-latitude"),
  longitude: $("location-longitude"),
  locationError: $("location-error"),
  locationCancel: $("location-cancel"),
  inlineResults: $("inline-results"),
  inlineTitle: $("inline-title"),
  inlineList: $("inline-list"),
};

export function make(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

export function srOnly(text) {
  return make("span", "sr-only", text);
}

export function safeUrl(raw) {
  if (typeof raw !== "string") return null;
  try {
    const url = new URL(raw);
    return SAFE_PROTOCOLS.has(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

export function externalLink(href, className) {
  const link = make("a", className);
  link.href = href;
  link.target = "_blank";
  link.rel = "noopener noreferrer nofollow";
  return link;
}
