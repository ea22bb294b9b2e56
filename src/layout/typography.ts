// Page geometry and type sizes for the packet: US Letter, fax-legible sizes (body 10 pt, nothing under 7.5 pt).
import type { TextSize } from '../compose/doc-tree.js';
import type { PageGeometry } from './boxes.js';

export const LETTER: PageGeometry = {
  width: 612,
  height: 792,
  marginLeft: 54,
  marginRight: 54,
  bodyTop: 78,
  bodyBottom: 792 - 66,
};

export const TYPE = {
  body: { size: 10, leading: 13.6 },
  small: { size: 8.5, leading: 11 },
  fine: { size: 7.5, leading: 9.6 },
  large: { size: 12, leading: 15.6 },
  table: { size: 9, leading: 11.8 },
  tableSmall: { size: 8, leading: 10.6 },
  heading: {
    1: { size: 14.5, leading: 18, spaceBefore: 4, spaceAfter: 7 },
    2: { size: 12, leading: 15.5, spaceBefore: 11, spaceAfter: 5 },
    3: { size: 10.5, leading: 14, spaceBefore: 8, spaceAfter: 2 },
  },
  paragraphGap: 6,
  furniture: { size: 8, leading: 10.5 },
} as const;

export function textType(size: TextSize): { size: number; leading: number } {
  return size === 'fine' ? TYPE.fine : size === 'small' ? TYPE.small : size === 'large' ? TYPE.large : TYPE.body;
}
