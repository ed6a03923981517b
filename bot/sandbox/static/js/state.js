// What the page knows: the chat it shows, who it acts as, the connection's progress.

export const DEFAULT_LANGUAGE = "vi";

export const STORAGE = {
  resident: "danbiet.sandbox.resident",
  view: "danbiet.sandbox.view",
};

export const state = {
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
