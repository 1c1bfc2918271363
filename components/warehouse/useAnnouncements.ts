'use client';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';

/** How often the console may announce new alerts (and sound): a storm is one announcement, not hundreds. */
const ANNOUNCE_EVERY_MS = 15_000;

/** A short tone for a new alert, if the user left sound on (Web Audio: no asset to load). */
function beep() {
  try {
    const ctx = new AudioContext();
    const o = ctx.createOscillator();
    const g = ctx.createGain();
    g.gain.value = 0.05;
    o.frequency.value = 880;
    o.connect(g).connect(ctx.destination);
    o.start();
    o.stop(ctx.currentTime + 0.12);
  } catch {
    // no audio device: the badge still shows
  }
}

/**
 * The console's "N new alerts": new alerts are counted as they come and announced (and, for a
 * critical one with sound on, sounded) at most once per ANNOUNCE_EVERY_MS.
 */
export function useAnnouncements() {
  const [fresh, setFresh] = useState(0);
  const [sound, setSound] = useState(false);
  const pending = useRef({ count: 0, critical: false, at: 0, timer: null as ReturnType<typeof setTimeout> | null });
  const soundRef = useRef(sound);
  useLayoutEffect(() => {
    soundRef.current = sound;
  });
  const announce = () => {
    const p = pending.current;
    p.timer = null;
    if (p.count === 0) return;
    p.at = Date.now();
    const count = p.count; // the updater runs later, after the reset below
    setFresh((n) => n + count);
    if (p.critical && soundRef.current) beep();
    p.count = 0;
    p.critical = false;
  };
  useEffect(() => () => void (pending.current.timer && clearTimeout(pending.current.timer)), []);
  /** Counts one new alert towards the next announcement. */
  const noteNew = (critical: boolean) => {
    const p = pending.current;
    p.count++;
    p.critical ||= critical;
    p.timer ??= setTimeout(announce, Math.max(0, p.at + ANNOUNCE_EVERY_MS - Date.now()));
  };
  return { fresh, markSeen: () => setFresh(0), sound, setSound, noteNew };
}
