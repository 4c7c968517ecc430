/** Registers `<milvus-load-console>` (or `tag`) and returns its class. */
export function define(tag?: string): CustomElementConstructor;
