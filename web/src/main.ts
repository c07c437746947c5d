// Starts the playground with the state from the link, else from the last
// visit, else the QEMU test; and makes the site work offline once loaded.

import './style.css';
import { DEFAULT_STATE, Playground } from './playground.js';
import { decodeState, loadLocally } from './share.js';

function start(): void {
  const playground = decodeState(location.hash).then((state) => new Playground(state ?? loadLocally() ?? DEFAULT_STATE));
  // A shared link pasted into this tab changes only the hash. Listen at once:
  // a change while the first state is still being decoded must not be lost.
  // Read the link from the event: by the time it is handled, the page may
  // have written its own state into the address bar (share.ts's persist).
  window.addEventListener('hashchange', async (event) => {
    const state = await decodeState(new URL(event.newURL).hash);
    if (state) (await playground).load(state);
  });
  if (import.meta.env.PROD && 'serviceWorker' in navigator) {
    navigator.serviceWorker.register('./sw.js').catch(() => {
      // Without a service worker the page still works; it just needs the network to reload.
    });
  }
}

start();
