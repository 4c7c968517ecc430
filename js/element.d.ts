/** The `<milvus-load-console>` element. The token is a property, never an attribute. */
export interface MilvusLoadConsoleElement extends HTMLElement {
  /** `user:password` or an API key; `null` (or "") revokes it: no request carries it any more. */
  token: string | null;
  /** Lists and checks every state again. */
  refresh(): void;
}

/** Registers `<milvus-load-console>` (or `tag`) and returns its class. */
export function define(tag?: string): { new (): MilvusLoadConsoleElement; prototype: MilvusLoadConsoleElement };
