// A render error anywhere below this point would otherwise unmount the whole app and leave a
// blank window. Every change the user made is already saved by the engine (each call is its own
// transaction), so the boundary says so and offers a reload, with the error for a bug report.
import { Component, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
  /** What failed, in the user's words ("Shelfmark", "The PDF reader"). */
  what: string;
  /** Offered next to Reload when the failed part can simply be closed. */
  onClose?: () => void;
}

export class ErrorBoundary extends Component<Props, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div role="alert" className="crash-note">
        <h2>{this.props.what} hit an error</h2>
        <p>Your library is saved: every change was stored when you made it.</p>
        <pre>{error.message}</pre>
        <button type="button" onClick={() => location.reload()}>
          Reload
        </button>
        {this.props.onClose && (
          <button
            type="button"
            onClick={() => {
              this.setState({ error: null });
              this.props.onClose?.();
            }}
          >
            Close
          </button>
        )}
      </div>
    );
  }
}
