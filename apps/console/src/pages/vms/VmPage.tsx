/** Placeholder: built by its owner. */
export function VmPage() {
  return <h1>VmPage</h1>;
}
