// The package as a bundled app uses it: the function API and the custom element, both from
// the installed tarball. `?endpoint=` says which Milvus to talk to.
import init, { mount } from 'milvus-load-console';
import { define } from 'milvus-load-console/element.js';

const endpoint = new URLSearchParams(location.search).get('endpoint');
const events = [];
const target = document.getElementById('console');
target.addEventListener('action', (e) => events.push(e.detail));

await init();
const handle = mount(target, { endpoint, theme: 'light' });
define();
const element = document.createElement('milvus-load-console');
element.setAttribute('endpoint', endpoint);
element.setAttribute('read-only', '');
document.getElementById('element-slot').append(element);

window.viteHost = { handle, events };
