import type { ApiError } from '../api/client.ts';

interface Props {
  title: string;
  error: ApiError;
  onRetry?: () => void;
}

export function ErrorBanner({ title, error, onRetry }: Props) {
  return (
    <div className="banner banner-error" role="alert">
      <p className="banner-title">{title}</p>
      <p>
        {error.message} <span className="code">({error.code})</span>
      </p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
