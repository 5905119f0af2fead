import { useId, type ButtonHTMLAttributes, type ReactNode } from 'react';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: 'primary' | 'secondary' | 'danger' | 'ghost';
  size?: 'md' | 'sm';
  /**
   * Disables the button and says why (a tooltip and its accessible description). The button
   * stays focusable (`aria-disabled`), so keyboard users can read the reason too.
   */
  disabledReason?: string | undefined;
  loading?: boolean;
  children: ReactNode;
}

/** The app's button. Prefer `disabledReason` over hiding an action (style.md §6). */
export function Button({
  variant = 'secondary',
  size = 'md',
  disabledReason,
  loading,
  disabled,
  onClick,
  className,
  children,
  type = 'button',
  ...rest
}: ButtonProps) {
  const tipId = useId();
  const blocked = !!disabledReason || !!disabled || !!loading;
  return (
    <span className="btn-wrap">
      <button
        {...rest}
        type={type}
        className={`btn btn-${variant} btn-${size}${className ? ` ${className}` : ''}`}
        aria-disabled={blocked || undefined}
        aria-busy={loading || undefined}
        aria-describedby={disabledReason ? tipId : rest['aria-describedby']}
        onClick={(e) => {
          if (blocked) {
            e.preventDefault();
            return;
          }
          onClick?.(e);
        }}
      >
        {loading ? <span className="spinner" aria-hidden="true" /> : null}
        {children}
      </button>
      {disabledReason ? (
        <span role="tooltip" id={tipId} className="tooltip">
          {disabledReason}
        </span>
      ) : null}
    </span>
  );
}
