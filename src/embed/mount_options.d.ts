/**
 * Options of an embedded console; every key is optional. A key left out, or `undefined`,
 * changes nothing; `null` clears the keys that allow it. Unknown keys are refused.
 */
export interface MountOptions {
  /** Milvus REST endpoint, e.g. "http://milvus:19530" (no trailing slash needed, no user-info). `null` removes it: every request stops and the connect form shows. */
  endpoint?: string | null;
  /**
   * `user:password` or an API key; kept in memory only and sent only to `endpoint` (never shown in
   * the connect form). `null` or "" revokes whatever token the console sends (requests not yet
   * sent go without it); a new value applies to every request not yet sent, in place.
   */
  token?: string | null;
  /** Database to show; `null`, "" or absent: "default". */
  database?: string | null;
  /** Hide every release/load action. */
  readOnly?: boolean;
  /** Seconds between automatic refreshes, 0 to 86400; 0 (default) is off. */
  refreshInterval?: number;
  /** The same as `refreshInterval` (also accepted). */
  refreshIntervalSeconds?: number;
  /** Most read requests in flight at once, 1 to 64 (default 64): fewer when the connection allows fewer (6 over HTTP/1.1, measured). */
  concurrency?: number;
  theme?: "light" | "dark" | "auto";
  /** Minutes a load may show no progress before it is marked stalled (and `stall` is sent), 0 to 1440; 0 never; default 5. */
  stallMinutes?: number;
  /** `null` removes the callback. */
  onStateChange?: ((detail: StateChangeDetail) => void) | null;
  /** `null` removes the callback. */
  onAction?: ((detail: ActionDetail) => void) | null;
  /** `null` removes the callback. */
  onError?: ((detail: ErrorDetail) => void) | null;
  /** Once per load whose progress has not moved for `stallMinutes`. `null` removes the callback. */
  onStall?: ((detail: StallDetail) => void) | null;
}

/** Detail of the `statechange` event: counts per state of the database on screen. */
export interface StateChangeDetail { database: string; loaded: number; loading: number; released: number; problem: number; pending: number }

/**
 * Detail of the `action` event: what was released or loaded, and how it ended. A load the
 * server abandoned (it read Loading, then not loaded, with no release from this console) comes
 * as `operation: "Load"`, `ok: false` and `error: "load abandoned by the server at HH:MM — was N%"`.
 */
export interface ActionDetail { database: string; collection: string; partitions: string[] | null; operation: "Release" | "Load"; ok: boolean; error: string | null }

/**
 * Detail of the `stall` event, sent once per stall: a load whose progress has not moved for
 * `stallMinutes`. `since` is when it was first read at `progress` (ISO 8601, UTC).
 */
export interface StallDetail { database: string; collection: string; progress: number; since: string }

/** Detail of the `error` event: what failed (`"auth"`: the server refused the token; `"connect"`, `"listing collections"`, `"refresh"`) and the message shown. */
export interface ErrorDetail { context: string; message: string }
