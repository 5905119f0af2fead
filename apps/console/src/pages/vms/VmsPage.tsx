/** Placeholder: built by its owner. */
export function VmsPage() {
  return <h1>VmsPage</h1>;
}
