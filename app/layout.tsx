import type { Metadata } from 'next';
import './globals.css';

export const metadata: Metadata = {
  title: 'Ops Pulse',
  description: 'Real-time operational intelligence for ecommerce operations',
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <header className="border-b border-slate-200 bg-white">
          <div className="mx-auto flex max-w-screen-2xl items-center gap-6 px-4 py-3">
            <a href="/" className="text-lg font-semibold tracking-tight text-slate-900">
              Ops Pulse
            </a>
          </div>
        </header>
        <main className="mx-auto max-w-screen-2xl px-4 py-6">{children}</main>
      </body>
    </html>
  );
}
