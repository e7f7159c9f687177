/** The full address a TV opens: this site's origin plus the server's path (`/wallboard/<token>`). */
export function kioskLink(path: string, origin: string = location.origin): string {
  return origin + path;
}

/** Copies to the clipboard; rejects where there is none (plain http, denied permission). */
export async function copyText(text: string): Promise<void> {
  if (!navigator.clipboard) throw new Error('no clipboard');
  await navigator.clipboard.writeText(text);
}
