/**
 * A client whose code loads on its first call. Every method of the interfaces it stands for returns a promise, so a
 * call can wait for the module, then for the real method. Keeps large REST clients out of the first render's bundle.
 */
export function lazyClient<T extends object>(load: () => Promise<T>): T {
  let pending: Promise<T> | undefined;
  const target = () =>
    (pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw error;
    }));
  return new Proxy({} as T, {
    get:
      (_, key) =>
      (...args: unknown[]) =>
        target().then((client) => (client[key as keyof T] as (...a: unknown[]) => unknown).apply(client, args)),
  });
}
