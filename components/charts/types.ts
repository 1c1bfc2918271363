/**
 * Colour-blind-safe palette (Okabe-Ito), dark enough on white for lines and bars, ordered so that
 * neighbours differ most: the near pairs (blue and sky blue, orange and vermillion) are far apart.
 */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#000000', '#D55E00', '#56B4E9', '#F0E442'];

export type Row = Record<string, number | string | null>;
export interface TimeLinesProps {
  rows: Row[];
  series: string[];
  label: string;
  unit?: string;
  /** How a series is named in the legend and tooltip (a reason's label, not its key). */
  nameOf?: (series: string) => string;
  /** What the value axis counts ("returns"). */
  yLabel?: string;
}
export interface BarsProps {
  rows: Row[];
  x: string;
  series: { key: string; label: string }[];
  label: string;
  stacked?: boolean;
  unit?: string;
  yLabel?: string;
}
