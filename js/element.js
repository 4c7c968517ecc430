// <milvus-load-console> custom element. Registered only when the host calls define().
import init, { mount } from './milvus_load_console.js';

let ready;

/** Attributes the element reads; each maps to a mount option. */
const ATTRIBUTES = ['endpoint', 'database', 'read-only', 'theme', 'refresh-interval', 'concurrency', 'stall-minutes'];

/** The options the attributes say; a removed `endpoint` or `database` is `null` (cleared). */
function optionsOf(element) {
  const options = {
    readOnly: element.hasAttribute('read-only'),
    endpoint: element.getAttribute('endpoint') || null,
    database: element.getAttribute('database') || null,
  };
  const theme = element.getAttribute('theme');
  if (theme) options.theme = theme;
  const refresh = element.getAttribute('refresh-interval');
  if (refresh !== null) options.refreshInterval = Number(refresh);
  const concurrency = element.getAttribute('concurrency');
  if (concurrency !== null) options.concurrency = Number(concurrency);
  const stall = element.getAttribute('stall-minutes');
  if (stall !== null) options.stallMinutes = Number(stall);
  return options;
}

/**
 * Registers the custom element (default tag `milvus-load-console`). The token is a property,
 * never an attribute, so that it does not show in the DOM: `element.token = "user:password"`.
 */
export function define(tag = 'milvus-load-console') {
  if (customElements.get(tag)) return customElements.get(tag);
  class MilvusLoadConsole extends HTMLElement {
    static get observedAttributes() { return ATTRIBUTES; }

    #handle = null;
    #token = null;

    get token() { return this.#token; }

    set token(value) {
      this.#token = value ?? null;
      this.#handle?.update({ token: this.#token });
    }

    connectedCallback() {
      // A token set before define() upgraded this element is an own property hiding the
      // setter: taken back through it. It never becomes an attribute.
      if (Object.prototype.hasOwnProperty.call(this, 'token')) {
        const token = this.token;
        delete this.token;
        this.token = token;
      }
      this.style.display ||= 'block';
      ready ??= init();
      ready.then(() => {
        if (!this.isConnected || this.#handle) return;
        try {
          this.#handle = mount(this, { ...optionsOf(this), token: this.#token });
        } catch (error) {
          this.dispatchEvent(new CustomEvent('error', { detail: { context: 'mount', message: String(error.message ?? error) } }));
        }
      });
    }

    disconnectedCallback() {
      this.#handle?.unmount();
      this.#handle = null;
    }

    attributeChangedCallback() {
      if (!this.#handle) return;
      try {
        this.#handle.update(optionsOf(this));
      } catch (error) {
        this.dispatchEvent(new CustomEvent('error', { detail: { context: 'attributes', message: String(error.message ?? error) } }));
      }
    }

    /** Lists and checks every state again. */
    refresh() { this.#handle?.refresh(); }
  }
  customElements.define(tag, MilvusLoadConsole);
  return MilvusLoadConsole;
}
