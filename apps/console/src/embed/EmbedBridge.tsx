/** The postMessage bridge to a portal host (implemented with the embed contract). */
export function EmbedBridge() {
  return null;
}
