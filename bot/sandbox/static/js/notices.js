// Toasts, alerts and the connection banner, each also read out through one live region.

import { ui } from "./dom.js";
import { chatTitle } from "./header.js";
import { state } from "./state.js";
import { t } from "./strings.js";

// Screen readers hear notices through one live region that is always in the page (a region
// that appears together with its text is often not announced).
export function announce(text) {
  ui.announcer.textContent = "";
  setTimeout(() => {
    ui.announcer.textContent = text;
  }, 50);
}

export function showToast(text) {
  ui.toast.textContent = text;
  ui.toast.hidden = false;
  announce(text);
  clearTimeout(state.toastTimer);
  state.toastTimer = setTimeout(() => {
    ui.toast.hidden = true;
  }, 4000);
}

export function showAlert(text) {
  ui.alertTitle.textContent = chatTitle();
  ui.alertText.textContent = text;
  if (!ui.alertDialog.open) ui.alertDialog.showModal();
  ui.alertOk.focus();
}

export function showConnection(kind) {
  if (kind === null) {
    ui.connection.hidden = true;
    ui.connection.textContent = "";
    return;
  }
  ui.connection.textContent = t(kind);
  if (ui.connection.hidden) announce(t(kind));
  ui.connection.hidden = false;
}

export function wireNotices() {
  ui.alertOk.addEventListener("click", () => ui.alertDialog.close());
}
