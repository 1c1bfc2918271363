'use client';
import { ErrorState } from '@/components/ui';

export default function Error({ error, reset }: { error: Error; reset: () => void }) {
  return (
    <ErrorState
      message={error.message || 'The data could not be loaded.'}
      retry={
        <button
          type="button"
          onClick={reset}
          className="mt-2 rounded border border-red-300 bg-white px-2 py-1 text-red-900"
        >
          Try again
        </button>
      }
    />
  );
}
