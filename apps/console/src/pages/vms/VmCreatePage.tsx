/** Placeholder: built by its owner. */
export function VmCreatePage() {
  return <h1>VmCreatePage</h1>;
}
