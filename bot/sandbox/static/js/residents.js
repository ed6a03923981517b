// Who the page acts as: choosing a resident, creating one, and the officials' group view.

import { switchTo, transmit } from "./connection.js";
import { ui } from "./dom.js";
import { residentById } from "./header.js";
import { showToast } from "./notices.js";
import { state } from "./state.js";
import { t } from "./strings.js";

export function wireResidents() {
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
}

export function onResidentCreated(resident) {
  if (!resident || !Number.isInteger(resident.id)) return;
  if (!residentById(resident.id)) state.residents.push(resident);
  if (ui.residentDialog.open) ui.residentDialog.close();
  switchTo(resident.id, "private");
  ui.input.focus();
}
