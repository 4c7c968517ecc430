// A React 19 app embedding the console the two ways a React developer reaches for: the custom
// element in JSX (the token passed as a property, events listened to through a ref) and mount()
// in an effect with cleanup. StrictMode mounts, unmounts and mounts every effect once more.
// `?endpoint=` says which Milvus to talk to.
import { StrictMode, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import init, { mount } from 'milvus-load-console';
import { define } from 'milvus-load-console/element.js';

const endpoint = new URLSearchParams(location.search).get('endpoint') ?? '';
// The wasm is initialised before React renders, so that mount() runs inside the effect itself
// and StrictMode's mount, unmount, mount reaches the console for real.
await init();
define();

/** The custom element; `token` is a property (React 19 sets it as one), events via a ref. */
function ElementConsole({ endpoint, token, onAction }) {
  const ref = useRef(null);
  useEffect(() => {
    const element = ref.current;
    const listener = (event) => onAction({ via: 'element', ...event.detail });
    element.addEventListener('action', listener);
    return () => element.removeEventListener('action', listener);
  }, [onAction]);
  return <milvus-load-console ref={ref} className="console" endpoint={endpoint} database="analytics" refresh-interval="10" token={token} />;
}

/** mount() in an effect; the cleanup unmounts (StrictMode runs it once between two mounts). */
function MountedConsole({ onAction }) {
  const ref = useRef(null);
  useEffect(() => {
    const handle = mount(ref.current, {
      endpoint,
      theme: 'light',
      refreshInterval: 10,
      onAction: (detail) => onAction({ via: 'mount', ...detail }),
    });
    window.reactHost.mounts += 1;
    return () => {
      handle.unmount();
      window.reactHost.unmounts += 1;
    };
  }, [onAction]);
  return <div ref={ref} className="console" data-testid="mounted" />;
}

function App() {
  const [shown, setShown] = useState(true);
  // `undefined` makes React remove the element's `endpoint` attribute.
  const [elementEndpoint, setElementEndpoint] = useState(endpoint);
  const [actions, setActions] = useState([]);
  const [onAction] = useState(() => (detail) => setActions((list) => [...list, detail]));
  return (
    <>
      <button type="button" onClick={() => setShown((s) => !s)}>{shown ? 'Hide consoles' : 'Show consoles'}</button>
      <button type="button" onClick={() => setElementEndpoint(undefined)}>Remove the element's endpoint</button>
      <ul data-testid="actions">
        {actions.map((a, i) => (
          <li key={i}>{`${a.via}: ${a.operation} ${a.collection} ${a.ok ? 'done' : 'failed'}`}</li>
        ))}
      </ul>
      {shown && (
        <>
          <MountedConsole onAction={onAction} />
          <ElementConsole endpoint={elementEndpoint} token="root:Milvus" onAction={onAction} />
        </>
      )}
    </>
  );
}

window.reactHost = { mounts: 0, unmounts: 0 };
createRoot(document.getElementById('root')).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
