import type { Metadata } from 'next';
import Link from 'next/link';
import { currentUser } from '@/lib/auth/page';
import { homeOf, viewsFor } from '@/lib/auth/views';
import { NavLinks } from '@/components/NavLinks';
import { getRuntime } from '@/lib/runtime';
import { LiveStatus } from '@/components/live';
import { SessionProvider } from '@/components/session';
import { UserMenu } from '@/components/UserMenu';
import { ServerClock } from '@/components/clock';
import { now as clockNow } from '@/lib/clock';
import { cookies } from 'next/headers';
import { TimeZoneProvider } from '@/components/timezone';
import { UI_ZONE_COOKIE, validZone } from '@/lib/text/zone';
import './globals.css';

export const metadata: Metadata = {
  title: 'Ops Pulse',
  description: 'Real-time operational intelligence for ecommerce operations',
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const p = await currentUser();
  const zone = validZone((await cookies()).get(UI_ZONE_COOKIE)?.value);
  const session = p
    ? {
        user: {
          name: p.name,
          role: p.role,
          warehouses: p.warehouses,
          timeZones: getRuntime().config.warehouseTimeZones,
        },
        csrf: p.csrf ?? null,
      }
    : null;
  return (
    <html lang="en">
      <body className="min-h-screen">
        <TimeZoneProvider zone={zone}>
          <ServerClock at={clockNow()} />
          <a
            href="#main"
            className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2"
          >
            Skip to content
          </a>
          {session ? (
            <SessionProvider value={session}>
              <header className="border-b border-slate-200 bg-white">
                <div className="mx-auto flex max-w-[1800px] flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
                  <Link href={homeOf(p!.role)} className="text-lg font-semibold tracking-tight text-slate-900">
                    Ops Pulse
                  </Link>
                  <NavLinks views={viewsFor(p!.role).map(({ key, href, label }) => ({ key, href, label }))} />
                  <div className="ml-auto flex items-center gap-4">
                    <LiveStatus />
                    <UserMenu />
                  </div>
                </div>
              </header>
              <main id="main" className="mx-auto max-w-[1800px] px-4 py-6">
                {children}
              </main>
            </SessionProvider>
          ) : (
            <main id="main" className="px-4 py-6">
              {children}
            </main>
          )}
        </TimeZoneProvider>
      </body>
    </html>
  );
}
