// A file's bytes as base64, for the commands that take a file read in the window (it has no
// paths): `ImportRequest.content_base64`, `AttachDocument.content_base64`.
// Chunks of a multiple of 3 bytes each encode on their own with no padding inside, so the
// pieces join into one string; no one giant String.fromCharCode call (its arguments are capped).

const CHUNK = 3 * 8192;

export function toBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const piece = bytes.subarray(start, start + CHUNK);
    let binary = "";
    for (let i = 0; i < piece.length; i += 4096) {
      binary += String.fromCharCode(...piece.subarray(i, i + 4096));
    }
    parts.push(btoa(binary));
  }
  return parts.join("");
}
