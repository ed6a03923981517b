// Sending what a Telegram client can send besides text: a photo (file picker) and a location
// (a small picker with a few Hanoi places, or any coordinates).

import { transmit } from "./connection.js";
import { make, ui } from "./dom.js";
import { showToast } from "./notices.js";
import { state } from "./state.js";
import { t } from "./strings.js";

const MAX_PHOTO_BYTES = 2 * 1024 * 1024; // the server refuses more (chat/attachments.py)
const PHOTO_TYPES = new Set(["image/png", "image/jpeg", "image/webp"]);
// Places a resident might share when reporting something; coordinates of public landmarks.
const PLACES = [
  { name: "Hồ Hoàn Kiếm", latitude: 21.02881, longitude: 105.85232 },
  { name: "UBND TP Hà Nội, 79 Đinh Tiên Hoàng", latitude: 21.02636, longitude: 105.85306 },
  { name: "Cầu Giấy", latitude: 21.03624, longitude: 105.79025 },
  { name: "Hà Đông", latitude: 20.97118, longitude: 105.77873 },
  { name: "Sóc Sơn", latitude: 21.25694, longitude: 105.84833 },
];

function send(frame) {
  if (!state.connected || !transmit(frame)) showToast(t("refused"));
}

function bytesToBase64(bytes) {
  let binary = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

async function sendPhoto(file) {
  if (!PHOTO_TYPES.has(file.type) || file.size > MAX_PHOTO_BYTES) {
    showToast(t("badPhoto"));
    return;
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const caption = ui.input.value.trim();
  send({ type: "photo", data: bytesToBase64(bytes), caption });
  if (caption) ui.input.value = "";
}

function fillPlaces() {
  ui.locationPlace.replaceChildren();
  PLACES.forEach((place, index) => {
    const option = make("option", null, place.name);
    option.value = String(index);
    ui.locationPlace.append(option);
  });
  const custom = make("option", null, t("locationCustom"));
  custom.value = "custom";
  ui.locationPlace.append(custom);
}

function showPlace() {
  const place = PLACES[Number(ui.locationPlace.value)];
  if (!place) return;
  ui.latitude.value = String(place.latitude);
  ui.longitude.value = String(place.longitude);
}

function openLocation() {
  fillPlaces();
  ui.locationPlace.value = "0";
  showPlace();
  ui.locationError.hidden = true;
  ui.locationDialog.showModal();
  ui.locationPlace.focus();
}

function submitLocation(event) {
  event.preventDefault();
  const latitude = Number(ui.latitude.value);
  const longitude = Number(ui.longitude.value);
  const valid =
    ui.latitude.value !== "" &&
    ui.longitude.value !== "" &&
    Number.isFinite(latitude) &&
    Number.isFinite(longitude) &&
    Math.abs(latitude) <= 90 &&
    Math.abs(longitude) <= 180;
  if (!valid) {
    ui.locationError.textContent = t("badLocation");
    ui.locationError.hidden = false;
    return;
  }
  ui.locationDialog.close();
  send({ type: "location", latitude, longitude });
}

export function wireAttachments() {
  ui.attachPhoto.addEventListener("click", () => ui.photoFile.click());
  ui.photoFile.addEventListener("change", () => {
    const [file] = ui.photoFile.files;
    ui.photoFile.value = "";
    if (file) sendPhoto(file);
  });
  ui.sendLocation.addEventListener("click", openLocation);
  ui.locationPlace.addEventListener("change", showPlace);
  ui.locationForm.addEventListener("submit", submitLocation);
  ui.locationCancel.addEventListener("click", () => ui.locationDialog.close());
}
