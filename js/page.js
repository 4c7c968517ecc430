// The standalone page's start: the same module and wasm that hosts import. Initialising it mounts
// nothing; this script starts the console in the page's root.
import init, { startStandalone } from './milvus_load_console.js';

const root = document.getElementById('milvus-load-console');
init()
  .then(() => startStandalone(root))
  .catch((error) => {
    const message = document.createElement('p');
    message.className = 'mlc-panic';
    message.setAttribute('role', 'alert');
    message.textContent = `Milvus Load Console could not start: ${error}`;
    root.replaceChildren(message);
  });
