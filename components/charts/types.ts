/** Colour-blind-safe palette (Okabe-Ito), dark enough on white for lines and bars. */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];

export type Row = Record<string, number | string | null>;
export interface TimeLinesProps {
  rows: Row[];
  series: string[];
  label: string;
  unit?: string;
}
export interface BarsProps {
  rows: Row[];
  x: string;
  series: { key: string; label: string }[];
  label: string;
  stacked?: boolean;
  unit?: string;
}
