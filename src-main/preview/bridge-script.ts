/**
 * The browser half of the preview transport: a small script that gives the page the same
 * `window.kiosk` shape the Electron preload exposes, one method per renderer channel, each a
 * JSON POST to this server. Generated from the contract so the two can never drift apart.
 */
import { splitChannel, type RendererChannel } from '../contract';

export function bridgeScript(names: readonly RendererChannel[]): string {
  const table: Record<string, Record<string, string>> = {};
  for (const name of names) {
    const [namespace, method] = splitChannel(name);
    (table[namespace] ??= {})[method] = name;
  }
  return `'use strict';
(() => {
  const table = ${JSON.stringify(table)};
  const call = (channel, input) =>
    fetch('./api/' + channel, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input === undefined ? {} : input),
    }).then((response) =>
      response.ok
        ? response.json()
        : { ok: false, error: { code: 'INTERNAL', message: 'The kiosk server answered ' + response.status } },
    );
  const kiosk = {};
  for (const [namespace, methods] of Object.entries(table)) {
    const group = {};
    for (const [method, channel] of Object.entries(methods)) {
      group[method] = (input) => call(channel, input);
    }
    kiosk[namespace] = Object.freeze(group);
  }
  Object.defineProperty(window, 'kiosk', { value: Object.freeze(kiosk), enumerable: true });
})();
`;
}
