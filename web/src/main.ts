// Starts the playground with the state from the link, else from the last
// visit, else the QEMU test; and makes the site work offline once loaded.

import './style.css';
import { DEFAULT_STATE, Playground } from './playground.js';
import { decodeState, loadLocally } from './share.js';

async function start(): Promise<void> {
  const playground = new Playground((await decodeState(location.hash)) ?? loadLocally() ?? DEFAULT_STATE);
  // A shared link pasted into this tab changes only the hash.
  window.addEventListener('hashchange', async () => {
    const state = await decodeState(location.hash);
    if (state) playground.load(state);
  });
  if (import.meta.env.PROD && 'serviceWorker' in navigator) {
    navigator.serviceWorker.register('./sw.js').catch(() => {
      // Without a service worker the page still works; it just needs the network to reload.
    });
  }
}

void start();
