/**
 * A loader that never runs twice at once: a call while a fetch is in flight asks for one more
 * fetch after it (the notice that caused it may carry a newer answer), and shares its promise.
 * `fetchOnce` resolves to whether that fetch succeeded; the loader to whether any did.
 */
export function coalescedLoad(fetchOnce: () => Promise<boolean>): () => Promise<boolean> {
  let loading: Promise<boolean> | null = null;
  let again = false;
  return () => {
    if (loading) {
      again = true;
      return loading;
    }
    loading = (async () => {
      let ok = false;
      do {
        again = false;
        if (await fetchOnce()) ok = true;
      } while (again);
      return ok;
    })().finally(() => {
      loading = null;
    });
    return loading;
  };
}
