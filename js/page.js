// The standalone page's start: the same module and wasm that hosts import. Initialising it mounts
// the console into the page's marked root (`#milvus-load-console[data-standalone]`).
import init from './milvus_load_console.js';

init().catch((error) => {
  const root = document.getElementById('milvus-load-console');
  if (!root) return;
  const message = document.createElement('p');
  message.className = 'mlc-panic';
  message.setAttribute('role', 'alert');
  message.textContent = `Milvus Load Console could not start: ${error}`;
  root.replaceChildren(message);
});
