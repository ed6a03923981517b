// Formatted text rebuilt as DOM nodes from Telegram's message entities, never parsed as HTML.

import { sendText } from "./compose.js";
import { externalLink, make, safeUrl } from "./dom.js";
import { t } from "./strings.js";

// Bare links and /commands in plain text, which Telegram makes clickable as well.
const LINK = String.raw`(https?:\/\/[^\s<>"]+)`;
const COMMAND = String.raw`(?<![\p{L}\p{N}_/<])(\/[A-Za-z]\w{0,63}(?:@\w{3,32})?)(?![\p{L}\p{N}_/])`;
const LINKABLE = new RegExp(`${LINK}|${COMMAND}`, "gu");

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

export function formattedText(text, entities) {
  const box = make("div", "text");
  buildFormatted(box, text, 0, text.length, cleanEntities(text, entities), true);
  return box;
}
