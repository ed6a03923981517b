// The chat's header: title, avatar, status (typing…), the resident picker and the group toggle.

import { make, ui } from "./dom.js";
import { updateEmpty } from "./messages.js";
import { state } from "./state.js";
import { t } from "./strings.js";

const TYPING_MS = 5000; // Telegram shows a chat action for five seconds

export function chatTitle() {
  if (state.chat && state.chat.type !== "private") return state.chat.title || "";
  return state.bot.name || state.bot.username || "";
}

export function updateHeader() {
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

export function startTyping() {
  clearTimeout(state.typingTimer);
  state.typingTimer = setTimeout(stopTyping, TYPING_MS);
  updateStatus();
}

export function stopTyping() {
  if (!state.typingTimer) return;
  clearTimeout(state.typingTimer);
  state.typingTimer = null;
  updateStatus();
}

export function residentById(id) {
  return state.residents.find((resident) => resident.id === id);
}

export function renderResidents() {
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
