// Mounts two independent consoles and the custom element, from the installed npm package.
// Test hooks live on window.host; events are recorded in window.host.events.
import init, { mount } from 'milvus-load-console';
import { define } from 'milvus-load-console/element.js';

const params = new URLSearchParams(location.search);
const events = [];
const record = (source) => (name) => (e) => events.push({ source, name, detail: e.detail });

for (const id of ['a', 'b']) {
  for (const name of ['statechange', 'action', 'stall', 'error']) {
    document.getElementById(id).addEventListener(name, record(id)(name));
  }
}

await init();
const handles = {};
const callbacks = [];
const stalls = [];
if (params.get('a')) {
  handles.a = mount(document.getElementById('a'), {
    endpoint: params.get('a'),
    onAction: (detail) => callbacks.push(detail),
    onStall: (detail) => stalls.push(detail),
  });
}
if (params.get('b')) {
  handles.b = mount(document.getElementById('b'), {
    endpoint: params.get('b'),
    database: params.get('bdb') || 'default',
    readOnly: params.has('breadonly'),
    theme: 'dark',
  });
}
// An element whose token is set before define() upgrades it (a host that loads the package late).
if (params.get('early')) {
  const element = document.createElement('milvus-load-console');
  element.setAttribute('endpoint', params.get('early'));
  element.token = 'root:Milvus';
  document.getElementById('element-slot').append(element);
}
define();
if (params.get('element')) {
  const element = document.createElement('milvus-load-console');
  element.setAttribute('endpoint', params.get('element'));
  element.setAttribute('database', 'analytics');
  element.setAttribute('read-only', '');
  for (const name of ['statechange', 'error']) element.addEventListener(name, record('element')(name));
  document.getElementById('element-slot').append(element);
}
window.host = { handles, events, callbacks, stalls, mount };
document.body.dataset.ready = 'true';
