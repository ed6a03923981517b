// The bot's command menu ("/"): opened from the Menu button or by typing, keyboard-navigable.

import { autosize, sendText } from "./compose.js";
import { transmit } from "./connection.js";
import { make, ui } from "./dom.js";
import { state } from "./state.js";
import { t } from "./strings.js";

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
export function updateCommands(commands) {
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

export function openCommands(origin) {
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

export function closeCommands(returnFocus) {
  const origin = state.commandsOrigin;
  state.commandsOrigin = null;
  ui.commands.hidden = true;
  ui.menuButton.setAttribute("aria-expanded", "false");
  if (returnFocus) (origin === "menu" ? ui.menuButton : ui.input).focus();
}

export function commandButtons() {
  return [...ui.commandList.querySelectorAll("button")];
}

export function wireCommandMenu() {
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
}
