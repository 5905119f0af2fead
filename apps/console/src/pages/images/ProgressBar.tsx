/**
 * A labelled progress bar (native `<progress>`, role progressbar) with its percentage as text,
 * so the number is readable without the bar and announced with it.
 */
export function ProgressBar({
  label,
  percent,
  text,
}: {
  /** The bar's accessible name ("Progress of ubuntu"). */
  label: string;
  percent: number;
  /** Shown beside the bar (default: the rounded percentage). */
  text?: string;
}) {
  const value = Math.min(100, Math.max(0, percent));
  return (
    <span className="img-progress">
      <progress max={100} value={value} aria-label={label} />
      <span className="img-progress-text">{text ?? `${Math.floor(value)}%`}</span>
    </span>
  );
}
