import {
  alertId,
  isRuleAlertType,
  type RuleAlertType,
  type Judgement,
  type Member,
  type Severity,
} from '@/lib/alerts/types';
import { nextVersion, type StoredAlert } from '@/lib/alerts/write';

/** A group alert as its rule reads it. */
export interface GroupView {
  entity: { kind: string; id: string };
  warehouse_id: string;
  category: string;
  members: Member[];
}

/** How one alert type reads, groups and ends. */
export interface RuleSpec {
  type: RuleAlertType;
  /** A member that is merely fine again stays in its alert until it ends (an order at risk stays listed until it ships). */
  sticky: boolean;
  /**
   * A group (a collection, a queue, a carrier): emptied, it stays open for the cool-down rather than
   * the hold, so a group that empties and refills within it is one alert, never resolved and raised again.
   */
  grouped: boolean;
  /** The least time between two updates pushed about the same alert (a growing group), unless its severity rises. */
  minUpdateMs: number;
  describe(
    g: GroupView,
    now: number,
  ): { severity: Severity; title: string; detail: string; data: Record<string, unknown> };
  /** What makes a change worth pushing (members, their stages, severity), not every recomputed number. */
  signature(g: GroupView): string;
  /** Why it resolves once clear for the hold time. */
  clearedReason: string;
  /** The group's own time has passed (a carrier collection has left): resolved at once, with this reason. */
  expired?(g: GroupView, now: number): string | null;
}

export interface Change {
  kind: 'new' | 'update';
  stored: StoredAlert;
}

interface Tracked {
  id: string;
  type: RuleAlertType;
  entity: { kind: string; id: string };
  warehouse_id: string;
  category: string;
  members: Map<string, Member>;
  /** The alert as last written (open or resolved), or null if never. */
  stored: StoredAlert | null;
  /** Since when it has had no member: the hold runs from here. */
  clearSince: number | null;
  /** The signature last pushed ('' when empty or resolved). */
  signature: string;
  dirty: boolean;
  /** A member left since the last write: that is told at once (a delivered parcel must not stay listed). */
  shrank: boolean;
}

/** Members kept in an alert's stored data; the rest are counted. */
export const STORED_MEMBERS = 200;
const RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };
const isOpen = (t: Tracked) => t.stored !== null && t.stored.resolved_at === null;

/**
 * The alert state machine, free of I/O and clocks (`now` is passed in): members join and leave
 * alerts as rules judge them; an alert is raised when it first has a member, updated when what it
 * says changes, and resolved once it has had no member for `holdMs` (hysteresis), or at once when
 * its group's own time has passed. Raised again within `cooldownMs` of resolving, it is re-opened
 * as an update of the same alert, never announced as new. History (`raise: false`) may end
 * memberships and alerts, never add a member or raise one.
 */
export class AlertTracker {
  private alerts = new Map<string, Tracked>();
  private memberOf = new Map<string, string>();

  constructor(
    private readonly specs: Record<RuleAlertType, RuleSpec>,
    private readonly o: { holdMs: number; cooldownMs: number },
  ) {}

  /** State after a restart: open alerts with their stored members, and those resolved within the cool-down. */
  restore(stored: StoredAlert[], now: number) {
    for (const s of stored) {
      if (!isRuleAlertType(s.type)) continue; // a system alert: not the rules' to judge
      if (s.resolved_at !== null && now - s.resolved_at >= this.o.cooldownMs) continue;
      const t = this.track(s.type, s.entity, s.warehouse_id, s.category);
      t.stored = s;
      if (s.resolved_at !== null) continue;
      for (const m of (s.data.members as Member[] | undefined) ?? []) this.join(t, m, now);
      t.dirty = false;
      if (t.members.size === 0) t.clearSince = s.updated_at;
      else t.signature = this.specs[t.type].signature(this.view(t));
    }
  }

  /** Applies a rule's verdict. With `raise` false (history), findings only keep members; what it judged clear leaves. */
  judge(j: Judgement, now: number, raise = true) {
    const spec = this.specs[j.type];
    const found = new Set<string>();
    for (const f of j.found) {
      found.add(f.member.key);
      // History's state is not the present (what came after may still be queued): it keeps a member
      // where it is, but never adds one, to this alert or any other.
      if (!raise) continue;
      const existing = this.alerts.get(alertId(f.type, f.entity.kind, f.entity.id));
      this.join(existing ?? this.track(f.type, f.entity, f.warehouse_id, f.category), f.member, now);
    }
    const ok = new Set(j.ok);
    for (const key of j.judged === 'all' ? this.membersOf(j.type) : j.judged) {
      if (!found.has(key) && !(spec.sticky && ok.has(key))) this.leave(j.type, key, now);
    }
  }

  /**
   * What changed since the last call, ready to write and push: alerts resolved (hold over, or their
   * group's time passed), raised, re-opened and updated.
   */
  changes(now: number): Change[] {
    const out: Change[] = [];
    for (const [id, t] of this.alerts) {
      if (isOpen(t)) {
        const expired = this.specs[t.type].expired?.(this.view(t), now);
        const hold = this.specs[t.type].grouped ? Math.max(this.o.holdMs, this.o.cooldownMs) : this.o.holdMs;
        if (expired || (t.members.size === 0 && t.clearSince !== null && now - t.clearSince >= hold)) {
          out.push({ kind: 'update', stored: this.resolve(t, now, expired || this.specs[t.type].clearedReason) });
          continue;
        }
      }
      if (t.dirty) {
        t.dirty = false;
        const change = this.written(t, now);
        if (change) out.push(change);
      }
      // Resolved long enough ago and empty: forgotten, so raised again later it is new.
      if (!isOpen(t) && t.members.size === 0 && (t.stored === null || now - t.stored.resolved_at! >= this.o.cooldownMs))
        this.alerts.delete(id);
    }
    return out;
  }

  /** Drops alerts whose last change could not be written: the next judgement starts them afresh. */
  forget(ids: string[]) {
    for (const id of ids) {
      const t = this.alerts.get(id);
      if (!t) continue;
      for (const k of t.members.keys()) this.memberOf.delete(`${t.type}\u0000${k}`);
      this.alerts.delete(id);
    }
  }

  /** Open alerts now, as last written. */
  open(): StoredAlert[] {
    return [...this.alerts.values()].filter(isOpen).map((t) => t.stored!);
  }

  /** Current members of an alert type: what a rule judging "all" of them needs to know. */
  membersOf(type: RuleAlertType): string[] {
    const prefix = `${type}\u0000`;
    return [...this.memberOf.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
  }

  private written(t: Tracked, now: number): Change | null {
    if (t.members.size === 0) {
      // Emptied (its members ended): say so at once; it resolves after the hold. Never raised empty.
      if (!isOpen(t) || t.signature === '') return null;
      t.signature = '';
      return { kind: 'update', stored: (t.stored = this.write(t, now)) };
    }
    const spec = this.specs[t.type];
    const signature = spec.signature(this.view(t));
    if (isOpen(t) && signature === t.signature) return null;
    if (isOpen(t)) {
      // A growing group is told at most every minUpdateMs; worse news, and members leaving, at once.
      const worse = RANK[spec.describe(this.view(t), now).severity] < RANK[t.stored!.severity];
      if (!worse && !t.shrank && now - t.stored!.updated_at < spec.minUpdateMs) {
        t.dirty = true;
        return null;
      }
      t.signature = signature;
      return { kind: 'update', stored: (t.stored = this.write(t, now)) };
    }
    t.signature = signature;
    const reopening = t.stored !== null && now - t.stored.resolved_at! < this.o.cooldownMs;
    t.stored = this.write(t, now, reopening ? { reopened_at: now } : { created_at: now });
    return { kind: reopening ? 'update' : 'new', stored: t.stored };
  }

  private track(
    type: RuleAlertType,
    entity: { kind: string; id: string },
    warehouse_id: string,
    category: string,
  ): Tracked {
    const id = alertId(type, entity.kind, entity.id);
    let t = this.alerts.get(id);
    if (!t)
      this.alerts.set(
        id,
        (t = {
          id,
          type,
          entity,
          warehouse_id,
          category,
          members: new Map(),
          stored: null,
          clearSince: null,
          signature: '',
          dirty: false,
          shrank: false,
        }),
      );
    return t;
  }

  private join(t: Tracked, m: Member, now: number) {
    const key = `${t.type}\u0000${m.key}`;
    const was = this.memberOf.get(key);
    if (was && was !== t.id) this.leave(t.type, m.key, now);
    this.memberOf.set(key, t.id);
    t.members.set(m.key, m);
    t.clearSince = null;
    t.dirty = true;
  }

  private leave(type: RuleAlertType, memberKey: string, now: number) {
    const key = `${type}\u0000${memberKey}`;
    const id = this.memberOf.get(key);
    if (!id) return;
    this.memberOf.delete(key);
    const t = this.alerts.get(id)!;
    t.members.delete(memberKey);
    if (t.members.size === 0) t.clearSince ??= now;
    t.dirty = true;
    t.shrank = true;
  }

  private resolve(t: Tracked, now: number, reason: string): StoredAlert {
    // Written before its members go: a collection that has left says who missed it.
    t.stored = { ...this.write(t, now), resolved_at: now, resolve_reason: reason };
    for (const k of t.members.keys()) this.memberOf.delete(`${t.type}\u0000${k}`);
    t.members.clear();
    t.clearSince = null;
    t.signature = '';
    t.dirty = false;
    return t.stored;
  }

  private view(t: Tracked): GroupView {
    const members = [...t.members.values()].sort(
      (a, b) => RANK[a.severity] - RANK[b.severity] || (a.key < b.key ? -1 : 1),
    );
    return { entity: t.entity, warehouse_id: t.warehouse_id, category: t.category, members };
  }

  private write(t: Tracked, now: number, over: { created_at?: number; reopened_at?: number } = {}): StoredAlert {
    t.shrank = false;
    const g = this.view(t);
    const d = this.specs[t.type].describe(g, now);
    const reopened = over.reopened_at ?? (t.stored?.data.reopened_at as number | undefined);
    return {
      alert_id: t.id,
      type: t.type,
      entity: t.entity,
      warehouse_id: t.warehouse_id,
      category: t.category,
      severity: d.severity,
      title: d.title,
      detail: d.detail,
      data: {
        ...d.data,
        count: g.members.length,
        members: g.members.slice(0, STORED_MEMBERS),
        ...(reopened ? { reopened_at: reopened } : {}),
      },
      created_at: over.created_at ?? t.stored?.created_at ?? now,
      updated_at: now,
      resolved_at: null,
      resolve_reason: '',
      version: nextVersion(),
    };
  }
}
